//! Windows: an explicit ACL (current user + SYSTEM, protected from inheritance), the DACL read back
//! for the privacy check, volume serial + file index, and the console's close / log-off / shutdown.
//!
//! Through `windows-sys` (Microsoft's raw bindings, already in the dependency tree).

use std::ffi::c_void;
use std::fs;
use std::io;
use std::os::windows::ffi::OsStrExt;
use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::Path;
use std::ptr::{null, null_mut};
use std::sync::{Condvar, Mutex, Once};
use std::time::Duration;

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, HANDLE, LocalFree,
};
use windows_sys::Win32::Security::Authorization::{
    GetNamedSecurityInfoW, SE_FILE_OBJECT, SetNamedSecurityInfoW,
};
#[cfg(test)]
use windows_sys::Win32::Security::WinWorldSid;
use windows_sys::Win32::Security::{
    ACCESS_ALLOWED_ACE, ACE_HEADER, ACL, ACL_REVISION, AddAccessAllowedAceEx,
    CONTAINER_INHERIT_ACE, CreateWellKnownSid, DACL_SECURITY_INFORMATION, EqualSid, GetAce,
    GetLengthSid, GetTokenInformation, INHERIT_ONLY_ACE, InitializeAcl, OBJECT_INHERIT_ACE,
    PROTECTED_DACL_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, PSID, SECURITY_MAX_SID_SIZE,
    TOKEN_QUERY, TOKEN_USER, TokenUser, WinLocalSystemSid,
};
use windows_sys::Win32::Storage::FileSystem::{
    BY_HANDLE_FILE_INFORMATION, FILE_ALL_ACCESS, FILE_FLAG_BACKUP_SEMANTICS,
    GetFileInformationByHandle,
};
use windows_sys::Win32::System::Console::{
    CTRL_CLOSE_EVENT, CTRL_LOGOFF_EVENT, CTRL_SHUTDOWN_EVENT, SetConsoleCtrlHandler,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};
use windows_sys::core::BOOL;

use super::Protection;

// ACE types (winnt.h): the ones that grant, and the ones that only take away.
const ACCESS_ALLOWED_ACE_TYPE: u8 = 0;
const ACCESS_DENIED_ACE_TYPE: u8 = 1;
const ACCESS_DENIED_OBJECT_ACE_TYPE: u8 = 6;
const ACCESS_DENIED_CALLBACK_ACE_TYPE: u8 = 10;
const ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE: u8 = 12;

/// A SID in a 4-byte aligned buffer (SIDs hold u32 sub-authorities).
struct Sid(Vec<u32>);

impl Sid {
    fn ptr(&self) -> PSID {
        self.0.as_ptr() as PSID
    }

    fn copy_of(sid: PSID) -> io::Result<Sid> {
        // SAFETY: `sid` comes from the system (a token or a security descriptor) and is valid.
        let len = unsafe { GetLengthSid(sid) } as usize;
        if len == 0 {
            return Err(io::Error::other("invalid SID"));
        }
        let mut buf = vec![0u32; len.div_ceil(4)];
        // SAFETY: `buf` holds at least `len` bytes; the source holds exactly `len`.
        unsafe {
            std::ptr::copy_nonoverlapping(sid as *const u8, buf.as_mut_ptr() as *mut u8, len)
        };
        Ok(Sid(buf))
    }

    fn equals(&self, other: PSID) -> bool {
        // SAFETY: both are valid SIDs.
        unsafe { EqualSid(self.ptr(), other) != 0 }
    }
}

/// The user this process runs as.
fn current_user() -> io::Result<Sid> {
    let mut token: HANDLE = null_mut();
    // SAFETY: the pseudo-handle of the current process; `token` is written on success.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    // TOKEN_USER holds a pointer: an 8-byte aligned buffer.
    let mut buf = vec![0u64; 64];
    let mut len = 0u32;
    // SAFETY: `buf` is writable for `buf.len() * 8` bytes, as said.
    let ok = unsafe {
        GetTokenInformation(
            token,
            TokenUser,
            buf.as_mut_ptr() as *mut c_void,
            (buf.len() * 8) as u32,
            &mut len,
        )
    };
    let result = if ok == 0 {
        Err(io::Error::last_os_error())
    } else {
        // SAFETY: on success the buffer starts with a TOKEN_USER whose SID points into it.
        let user = unsafe { &*(buf.as_ptr() as *const TOKEN_USER) };
        Sid::copy_of(user.User.Sid)
    };
    // SAFETY: the token was opened above.
    unsafe { CloseHandle(token) };
    result
}

/// LocalSystem (S-1-5-18): backups and the indexer run as it.
fn system() -> io::Result<Sid> {
    well_known(WinLocalSystemSid)
}

fn well_known(kind: i32) -> io::Result<Sid> {
    let mut buf = vec![0u32; (SECURITY_MAX_SID_SIZE as usize).div_ceil(4)];
    let mut len = SECURITY_MAX_SID_SIZE;
    // SAFETY: `buf` holds SECURITY_MAX_SID_SIZE bytes.
    let ok = unsafe { CreateWellKnownSid(kind, null_mut(), buf.as_mut_ptr() as PSID, &mut len) };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(Sid(buf))
}

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str().encode_wide().chain(Some(0)).collect()
}

/// An ACL granting full access to `sids` only; `inherit` makes a folder's ACEs pass to what it holds.
fn acl_for(sids: &[&Sid], inherit: u32) -> io::Result<Vec<u32>> {
    let mut size = std::mem::size_of::<ACL>();
    for sid in sids {
        // SAFETY: a valid SID.
        let sid_len = unsafe { GetLengthSid(sid.ptr()) } as usize;
        size += std::mem::size_of::<ACCESS_ALLOWED_ACE>() - std::mem::size_of::<u32>() + sid_len;
    }
    let size = size.div_ceil(4) * 4;
    let mut buf = vec![0u32; size / 4];
    let acl = buf.as_mut_ptr() as *mut ACL;
    // SAFETY: `buf` is `size` bytes, 4-byte aligned, as InitializeAcl requires.
    if unsafe { InitializeAcl(acl, size as u32, ACL_REVISION) } == 0 {
        return Err(io::Error::last_os_error());
    }
    for sid in sids {
        // SAFETY: the ACL was sized for these ACEs.
        if unsafe { AddAccessAllowedAceEx(acl, ACL_REVISION, inherit, FILE_ALL_ACCESS, sid.ptr()) }
            == 0
        {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(buf)
}

pub fn restrict_to_owner(path: &Path) -> io::Result<Protection> {
    let meta = fs::metadata(path)?;
    let user = current_user()?;
    let system = system()?;
    let inherit = if meta.is_dir() {
        OBJECT_INHERIT_ACE | CONTAINER_INHERIT_ACE
    } else {
        0
    };
    let acl = acl_for(&[&user, &system], inherit)?;
    let name = wide(path);
    // SAFETY: a NUL-terminated path and a well-formed ACL; owner, group and SACL left as they are.
    let err = unsafe {
        SetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            acl.as_ptr() as *const ACL,
            null(),
        )
    };
    match err {
        0 => {}
        // FAT and exFAT keep no ACL.
        ERROR_NOT_SUPPORTED | ERROR_INVALID_FUNCTION => return Ok(Protection::Unsupported),
        e => return Err(io::Error::from_raw_os_error(e as i32)),
    }
    Ok(if is_private(path) {
        Protection::Private
    } else {
        Protection::Unsupported
    })
}

/// Frees a security descriptor the system allocated.
struct LocalBox(PSECURITY_DESCRIPTOR);

impl Drop for LocalBox {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: allocated by GetNamedSecurityInfoW, freed once.
            unsafe { LocalFree(self.0) };
        }
    }
}

pub fn is_private(path: &Path) -> bool {
    let (Ok(user), Ok(system)) = (current_user(), system()) else {
        return false;
    };
    let name = wide(path);
    let mut dacl: *mut ACL = null_mut();
    let mut sd: PSECURITY_DESCRIPTOR = null_mut();
    // SAFETY: a NUL-terminated path; `dacl` points into `sd`, which LocalBox frees.
    let err = unsafe {
        GetNamedSecurityInfoW(
            name.as_ptr(),
            SE_FILE_OBJECT,
            DACL_SECURITY_INFORMATION,
            null_mut(),
            null_mut(),
            &mut dacl,
            null_mut(),
            &mut sd,
        )
    };
    let _sd = LocalBox(sd);
    if err != 0 {
        return false;
    }
    // No DACL at all: everyone has full access.
    if dacl.is_null() {
        return false;
    }
    // SAFETY: a valid ACL inside `sd`.
    let count = unsafe { (*dacl).AceCount };
    for i in 0..u32::from(count) {
        let mut ace: *mut c_void = null_mut();
        // SAFETY: `i` is below the ACE count.
        if unsafe { GetAce(dacl, i, &mut ace) } == 0 || ace.is_null() {
            return false;
        }
        // SAFETY: every ACE starts with its header.
        let header = unsafe { *(ace as *const ACE_HEADER) };
        if u32::from(header.AceFlags) & INHERIT_ONLY_ACE != 0 {
            // Applies to what a folder will hold, not to the folder itself.
            continue;
        }
        match header.AceType {
            ACCESS_ALLOWED_ACE_TYPE => {
                // SAFETY: an ACCESS_ALLOWED_ACE; its SID starts at SidStart.
                let sid = unsafe { &(*(ace as *const ACCESS_ALLOWED_ACE)).SidStart } as *const u32
                    as PSID;
                if !user.equals(sid) && !system.equals(sid) {
                    return false;
                }
            }
            ACCESS_DENIED_ACE_TYPE
            | ACCESS_DENIED_OBJECT_ACE_TYPE
            | ACCESS_DENIED_CALLBACK_ACE_TYPE
            | ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE => {}
            // Any other grant (object, callback, compound): we cannot vouch for it.
            _ => return false,
        }
    }
    true
}

pub fn file_identity(path: &Path) -> Option<(u64, u64)> {
    // No access asked: only the metadata is read. Backup semantics open folders too.
    let file = fs::OpenOptions::new()
        .access_mode(0)
        .custom_flags(FILE_FLAG_BACKUP_SEMANTICS)
        .open(path)
        .ok()?;
    // SAFETY: an all-integer struct, filled by the call.
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    // SAFETY: an open handle, kept open by `file` for the call.
    if unsafe { GetFileInformationByHandle(file.as_raw_handle() as HANDLE, &mut info) } == 0 {
        return None;
    }
    let index = (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow);
    Some((u64::from(info.dwVolumeSerialNumber), index))
}

/// True under Wine, which maps a DACL onto unix mode bits and reads back an SD made from them (no
/// stored ACLs in mainline Wine 8): tests skip what only real Windows can show.
pub fn running_under_wine() -> bool {
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn GetModuleHandleW(name: *const u16) -> *mut c_void;
        fn GetProcAddress(module: *mut c_void, name: *const u8) -> *mut c_void;
    }
    let ntdll: Vec<u16> = "ntdll.dll".encode_utf16().chain(Some(0)).collect();
    // SAFETY: NUL-terminated names; ntdll is loaded in every process.
    unsafe {
        let module = GetModuleHandleW(ntdll.as_ptr());
        !module.is_null() && !GetProcAddress(module, c"wine_get_version".as_ptr().cast()).is_null()
    }
}

// ---------------------------------------------------------------------------------------------
// The console closed, the user logs off, Windows shuts down: the SIGHUP / SIGTERM of Windows.

type Notify = Box<dyn Fn(i32) + Send + Sync>;

static NOTIFY: Mutex<Option<Notify>> = Mutex::new(None);
static DONE: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());
static INSTALL: Once = Once::new();

/// Windows ends the process 5 s after a close event; the application gets a little less.
const GRACE: Duration = Duration::from_millis(4500);

/// The unix signal number an event stands for: the console closed is a hang-up (SIGHUP),
/// log-off and shutdown a termination (SIGTERM). Other events (Ctrl-C, Ctrl-Break) are not ours.
fn signal_of(ctrl: u32) -> Option<i32> {
    match ctrl {
        CTRL_CLOSE_EVENT => Some(1),
        CTRL_LOGOFF_EVENT | CTRL_SHUTDOWN_EVENT => Some(15),
        _ => None,
    }
}

/// Called by Windows on its own thread; the process ends when it returns, so it waits until the
/// application says it has written its pending text and restored the console, or the grace ends.
unsafe extern "system" fn handler(ctrl: u32) -> BOOL {
    let Some(sig) = signal_of(ctrl) else {
        return 0;
    };
    let notified = match NOTIFY.lock() {
        Ok(notify) => match notify.as_ref() {
            Some(f) => {
                f(sig);
                true
            }
            None => false,
        },
        Err(_) => false,
    };
    if !notified {
        return 0;
    }
    let (lock, cvar) = &DONE;
    if let Ok(done) = lock.lock() {
        let _ = cvar.wait_timeout_while(done, GRACE, |d| !*d);
    }
    1
}

/// Calls `notify` with 1 (console closed) or 15 (log-off, shutdown) when Windows is about to end
/// the process; the process lives until [`close_handled`] or a grace of 4.5 s.
pub fn on_console_close(notify: impl Fn(i32) + Send + Sync + 'static) -> io::Result<()> {
    if let Ok(mut done) = DONE.0.lock() {
        *done = false;
    }
    if let Ok(mut slot) = NOTIFY.lock() {
        *slot = Some(Box::new(notify));
    }
    let mut result = Ok(());
    INSTALL.call_once(|| {
        // SAFETY: a handler with the expected signature, valid for the life of the process.
        if unsafe { SetConsoleCtrlHandler(Some(handler), 1) } == 0 {
            result = Err(io::Error::last_os_error());
        }
    });
    result
}

/// The pending text is written and the console restored: the process may end.
pub fn close_handled() {
    let (lock, cvar) = &DONE;
    if let Ok(mut done) = lock.lock() {
        *done = true;
        cvar.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Instant;

    /// Sets `sids` as the whole DACL of `path`, as another program could.
    fn set_dacl(path: &Path, sids: &[&Sid]) {
        let acl = acl_for(sids, 0).unwrap();
        let name = wide(path);
        let err = unsafe {
            SetNamedSecurityInfoW(
                name.as_ptr(),
                SE_FILE_OBJECT,
                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                null_mut(),
                null_mut(),
                acl.as_ptr() as *const ACL,
                null(),
            )
        };
        assert_eq!(err, 0);
    }

    #[test]
    fn the_privacy_check_reads_the_dacl() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.csv");
        fs::write(&file, "x").unwrap();
        let user = current_user().unwrap();
        let everyone = well_known(WinWorldSid).unwrap();
        set_dacl(&file, &[&user, &everyone]);
        assert!(!is_private(&file), "Everyone may read it");
        if running_under_wine() {
            // Wine reads back an SD made from unix modes: tests/windows-check.sh checks those.
            eprintln!("under Wine: the DACL read back is Wine's, not ours");
            assert_eq!(restrict_to_owner(&file).unwrap(), Protection::Unsupported);
            return;
        }
        assert_eq!(restrict_to_owner(&file).unwrap(), Protection::Private);
        assert!(is_private(&file));
        set_dacl(&file, &[&user]);
        assert!(is_private(&file), "the user alone");
        // A folder's ACEs pass to the files created in it afterwards.
        let sub = dir.path().join("data");
        fs::create_dir(&sub).unwrap();
        assert_eq!(restrict_to_owner(&sub).unwrap(), Protection::Private);
        let child = sub.join("passerelle.db-wal");
        fs::write(&child, "x").unwrap();
        assert!(is_private(&child), "inherited from the data folder");
    }

    #[test]
    fn only_close_log_off_and_shutdown_are_ours() {
        assert_eq!(signal_of(CTRL_CLOSE_EVENT), Some(1));
        assert_eq!(signal_of(CTRL_LOGOFF_EVENT), Some(15));
        assert_eq!(signal_of(CTRL_SHUTDOWN_EVENT), Some(15));
        assert_eq!(signal_of(0), None, "Ctrl-C is a key in raw mode");
        assert_eq!(signal_of(1), None, "Ctrl-Break keeps its default");
    }

    #[test]
    fn a_close_notifies_and_waits_until_the_application_is_done() {
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        on_console_close(move |sig| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(sig);
            }
        })
        .unwrap();
        // The application: on the signal, some work, then done.
        let app = std::thread::spawn(move || {
            let sig = rx.recv_timeout(Duration::from_secs(5)).unwrap();
            std::thread::sleep(Duration::from_millis(200));
            close_handled();
            sig
        });
        let start = Instant::now();
        // SAFETY: called as Windows would, on another thread than the application's.
        let handled = unsafe { handler(CTRL_CLOSE_EVENT) };
        let waited = start.elapsed();
        assert_eq!(handled, 1);
        assert_eq!(app.join().unwrap(), 1);
        assert!(
            waited >= Duration::from_millis(200),
            "returned before done: {waited:?}"
        );
        assert!(waited < GRACE, "waited the whole grace: {waited:?}");
        // Ctrl-C is left to the console.
        // SAFETY: as above.
        assert_eq!(unsafe { handler(0) }, 0);
    }
}
