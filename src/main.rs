//! `passerelle`: parse arguments, open the store, run the ui or a subcommand.

fn main() -> color_eyre::Result<()> {
    color_eyre::install()?;
    let code = passerelle::cli::main()?;
    std::process::exit(code);
}
