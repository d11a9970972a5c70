//! `scan --follow`: like `tail -F`, keeps reading a file as it grows, across rotation (the
//! name now points at a new file) and truncation (the file got shorter).

use crate::scan::Printer;
use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

/// How long to wait before looking again when there is nothing new.
const POLL: Duration = Duration::from_millis(200);

/// The file's identity: a rotated log is a new file under the same name.
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let created = meta
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        (created, 0)
    }
}

/// Follows `path` until the process is stopped (or output fails). Returns only on a read
/// error that is not a missing file; a missing file is waited for, as `tail -F` does.
pub fn follow(path: &Path, printer: &mut Printer<'_>) -> Result<(), String> {
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let opened = std::fs::File::open(path).and_then(|file| {
            let meta = file.metadata()?;
            Ok((file, identity(&meta)))
        });
        let (mut file, id) = match opened {
            Ok(opened) => opened,
            Err(_) => {
                std::thread::sleep(POLL);
                continue;
            }
        };
        let mut position = 0u64;
        loop {
            match file.read(&mut buf) {
                Ok(0) => {}
                Ok(n) => {
                    position += n as u64;
                    printer.feed(&buf[..n]);
                    continue;
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(printer.read_error(e)),
            }
            if crate::output::failed() {
                return Ok(());
            }
            std::thread::sleep(POLL);
            match std::fs::metadata(path) {
                // Rotated: what the old file still had was read above; start on the new one.
                Ok(meta) if identity(&meta) != id => {
                    printer.end_input();
                    break;
                }
                // Truncated: start again from its beginning.
                Ok(meta) if meta.len() < position => {
                    printer.end_input();
                    file.seek(SeekFrom::Start(0))
                        .map_err(|e| printer.read_error(e))?;
                    position = 0;
                }
                _ => {}
            }
        }
    }
}
