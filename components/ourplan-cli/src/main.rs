//! `ourplan`: the kit's checks on a server. See the README's "On your server".

use clap::{Parser, Subcommand, ValueEnum};
use ourplan_cli::{
    CheckSchema, Format, Input, Outcome, Validate, check_schema, read_remotes, validate,
};
use ourplan_core::Lang;
use std::io::Write;
use std::process::ExitCode;

/// The kit's own checks and messages, with no browser: the same verdicts and words as
/// <ourplan-record> and the module's validate(). Exit code: 0 valid, 1 invalid, 2 could not read.
#[derive(Parser)]
#[command(name = "ourplan", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Plain words, for people.
    Text,
    /// One JSON object per input (JSON Lines): the verdict validate() gives, with `file`.
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Checks records (JSON files, or `-` for standard input) against a record schema.
    Validate {
        /// The record schema (JSON Schema, draft 2020-12).
        #[arg(long, value_name = "FILE")]
        schema: String,
        /// A schema that `$ref`s name by URI, from a file (no network is used). Repeatable.
        #[arg(long = "remote", value_name = "URI=FILE")]
        remotes: Vec<String>,
        /// The language of the messages: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: String,
        /// How results are written.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Each file holds one record per line (JSON Lines).
        #[arg(long)]
        lines: bool,
        /// The records.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Checks schemas as the element does: JSON mistakes (with line and column), the rules of
    /// JSON Schema, what the form cannot draw and `x-ourplan` annotation mistakes.
    CheckSchema {
        /// A schema that `$ref`s name by URI, from a file. Repeatable.
        #[arg(long = "remote", value_name = "URI=FILE")]
        remotes: Vec<String>,
        /// The language of the messages: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: String,
        /// How results are written.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Count notes (what the form cannot draw, annotation mistakes) as problems.
        #[arg(long)]
        strict: bool,
        /// The schemas.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut stdin = None;
    let result = match cli.command {
        Command::Validate {
            schema,
            remotes,
            lang,
            format: f,
            lines,
            files,
        } => {
            let remotes = match read_remotes(&remotes) {
                Ok(r) => r,
                Err(why) => {
                    eprintln!("ourplan: {why}");
                    return ExitCode::from(Outcome::Unreadable as u8);
                }
            };
            let job = Validate {
                schema: Input::read(&schema, &mut stdin),
                remotes,
                inputs: files.iter().map(|f| Input::read(f, &mut stdin)).collect(),
                lines,
                lang: Lang::from_tag(&lang),
                format: format(f),
            };
            validate(&job, &mut out)
        }
        Command::CheckSchema {
            remotes,
            lang,
            format: f,
            strict,
            files,
        } => {
            let remotes = match read_remotes(&remotes) {
                Ok(r) => r,
                Err(why) => {
                    eprintln!("ourplan: {why}");
                    return ExitCode::from(Outcome::Unreadable as u8);
                }
            };
            let job = CheckSchema {
                inputs: files.iter().map(|f| Input::read(f, &mut stdin)).collect(),
                remotes,
                lang: Lang::from_tag(&lang),
                format: format(f),
                strict,
            };
            check_schema(&job, &mut out)
        }
    };
    match result.and_then(|o| out.flush().map(|_| o)) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ourplan: {e}");
            ExitCode::from(Outcome::Unreadable as u8)
        }
    }
}
