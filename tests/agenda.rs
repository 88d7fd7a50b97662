//! Themed days: the agenda import (property tests), the store of agendas, sectors and interest.

use passerelle::core::agenda::{self, AgendaItem, ItemKind};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    "[A-Za-zéèÉç0-9][A-Za-zéèÉç0-9 '\"#;,=\\[\\]()-]{0,40}[A-Za-z0-9é)]"
}

fn items() -> impl Strategy<Value = Vec<AgendaItem>> {
    let item = (text(), proptest::option::of(text()), 1u32..=600, 0usize..5).prop_map(
        |(title, speaker, minutes, k)| AgendaItem {
            title,
            speaker,
            minutes,
            kind: ItemKind::ALL[k],
        },
    );
    proptest::collection::vec(item, 1..20)
}

proptest! {
    #[test]
    fn any_bytes_give_items_or_an_error_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = agenda::parse(&bytes);
    }

    #[test]
    fn any_text_gives_items_or_an_error_never_a_panic(t in "(\\[\\[item\\]\\]\n|title = |minutes = |\"|;|[a-z0-9]|\n| ){0,80}") {
        if let Ok(items) = agenda::parse(t.as_bytes()) {
            prop_assert!(items.iter().all(|i| i.minutes >= 1 && !i.title.is_empty()));
        }
    }

    #[test]
    fn a_written_agenda_reads_back_the_same(items in items(), comment in text()) {
        let toml = agenda::write_toml(&comment, &items);
        prop_assert_eq!(agenda::parse(toml.as_bytes()), Ok(items));
    }
}
