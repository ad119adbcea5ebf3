//! The one error type of the command line: what went wrong as a bilingual
//! [`Message`], the exit code it gives, and what to print before it. Commands
//! return it; `main` prints it once, in the language asked for.

use std::io;
use std::path::Path;

use tsunagu_model::{Lang, Message};

use crate::output::FileReport;

/// Exit codes shared by every command.
pub mod exit {
    /// Everything valid (warnings and notes allowed), or done.
    pub const VALID: u8 = 0;
    /// Some input is invalid, or something was found that needs attention.
    pub const INVALID: u8 = 1;
    /// A usage error, or a file or directory that could not be read or written.
    pub const USAGE_OR_IO: u8 = 2;
}

/// An error a command stops with.
#[derive(Debug)]
pub struct CliError {
    pub exit: u8,
    pub message: Message,
    pub hint: Option<Message>,
    /// The validation report of the document that could not be used, printed first.
    pub report: Option<Box<FileReport>>,
    /// Nothing to print: the reader went away (`tsunagu due DIR | head`).
    pub quiet: bool,
}

impl CliError {
    /// The input cannot be used (invalid, not a document, too large): exit 1.
    pub fn invalid(message: Message) -> Self {
        Self { exit: exit::INVALID, message, hint: None, report: None, quiet: false }
    }

    /// Bad arguments, or a place that cannot be read or written: exit 2.
    pub fn usage(message: Message) -> Self {
        Self { exit: exit::USAGE_OR_IO, message, hint: None, report: None, quiet: false }
    }

    /// A file or directory that could not be read.
    pub fn cannot_read(what: &dyn std::fmt::Display, error: &io::Error) -> Self {
        let reason = io_reason(error.kind());
        Self::usage(Message::new(
            format!("{what} を読み込めません: {}", reason.ja),
            format!("cannot read {what}: {}", reason.en),
        ))
    }

    /// A file or directory that could not be written.
    pub fn cannot_write(path: &Path, error: &io::Error) -> Self {
        let reason = io_reason(error.kind());
        let path = path.display();
        Self::usage(Message::new(
            format!("{path} に書き込めません: {}", reason.ja),
            format!("cannot write {path}: {}", reason.en),
        ))
    }

    #[must_use]
    pub fn with_hint(mut self, hint: Message) -> Self {
        self.hint = Some(hint);
        self
    }

    #[must_use]
    pub fn with_report(mut self, report: FileReport) -> Self {
        self.report = Some(Box::new(report));
        self
    }

    /// Prints the report (if any) and the message on standard error.
    pub fn print(&self, lang: Lang) {
        if self.quiet {
            return;
        }
        let mut err = io::stderr().lock();
        if let Some(report) = &self.report {
            let _ = crate::output::human(std::slice::from_ref(&**report), lang, &mut err);
        }
        let _ = crate::output::error_lines(&self.message, self.hint.as_ref(), lang, &mut err);
    }
}

impl From<io::Error> for CliError {
    /// Standard output or error could not be written. A closed pipe is the reader having
    /// read enough, as with `head`: a quiet stop, as other tools do.
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            return Self { exit: exit::VALID, quiet: true, ..Self::usage(Message::fixed("", "")) };
        }
        let reason = io_reason(error.kind());
        Self::usage(Message::new(
            format!("出力できません: {}", reason.ja),
            format!("cannot write output: {}", reason.en),
        ))
    }
}

/// Why a file could not be read or written, in words (never its contents).
pub fn io_reason(kind: io::ErrorKind) -> Message {
    use io::ErrorKind::{
        AlreadyExists, FileTooLarge, InvalidData, IsADirectory, NotADirectory, NotFound, PermissionDenied,
        QuotaExceeded, ReadOnlyFilesystem, StorageFull,
    };
    let (ja, en) = match kind {
        NotFound => ("ファイル又はディレクトリがありません", "no such file or directory"),
        PermissionDenied => ("権限がありません", "permission denied"),
        IsADirectory => ("ディレクトリです", "is a directory"),
        NotADirectory => ("ディレクトリではありません", "not a directory"),
        AlreadyExists => ("既にあります", "already exists"),
        StorageFull => ("空き容量がありません", "no space left on the device"),
        QuotaExceeded => ("容量の割り当てを超えました", "disk quota exceeded"),
        FileTooLarge => ("ファイルが大きすぎます", "file too large"),
        ReadOnlyFilesystem => ("読み取り専用です", "read-only file system"),
        InvalidData => ("内容を読めません", "invalid data"),
        other => return Message::new(format!("入出力のエラー ({other})"), other.to_string()),
    };
    Message::fixed(ja, en)
}

/// A message about a file, with its name in front.
pub fn in_file(name: &str, message: &Message) -> Message {
    Message::new(format!("{name}: {}", message.ja), format!("{name}: {}", message.en))
}
