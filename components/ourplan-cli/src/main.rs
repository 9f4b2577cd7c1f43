//! `ourplan`: the kit's checks on a server. See the README's "On your server".

use clap::{Parser, Subcommand, ValueEnum};
use ourplan_cli::{
    Assemble, CheckPlan, CheckSchema, Export, ExportAs, Format, Input, Outcome, Render, Validate,
    assemble, check_plan, check_schema, export, read_limits, read_remotes, render, render_plan,
    validate,
};
use ourplan_core::Lang;
use ourplan_core::plan::report::Settings;
use ourplan_core::plan::{Indicative, Law, Period, Rules, parse_pounds};
use std::io::Write;
use std::process::ExitCode;

/// The kit's own checks and messages, with no browser: the same verdicts and words as
/// <ourplan-record>, <ourplan-plan>'s check() and the module's validate(). Exit code: 0 valid,
/// 1 invalid, 2 could not read.
#[derive(Parser)]
#[command(name = "ourplan", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Changes one of the kit's limits, as the elements' `limits` property does (README,
    /// "Limits"): schemaBytes, valueBytes, depth, refChain, listItems, planBlocks, textChars,
    /// patternSteps. Repeatable.
    #[arg(long = "limit", value_name = "NAME=N", global = true)]
    limits: Vec<String>,
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
    /// Checks plans as <ourplan-plan>'s check() does: a plan the kit opens, its budget in exact
    /// pence, whether a sign-off still matches, the sign-off rules, the law's suggestions.
    CheckPlan {
        /// The language of the words: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Sign-off rules, as the element's `signoffRules` (JSON).
        #[arg(long, value_name = "FILE")]
        signoff_rules: Option<String>,
        /// The indicative budget in pounds (`150.00`), used when a plan has none of its own.
        #[arg(long, value_name = "POUNDS")]
        indicative_budget: Option<String>,
        /// The indicative budget's period: `week`, `month` or `year`.
        #[arg(long, default_value = "week")]
        budget_period: String,
        /// The law's gentle checks: `england` or `wales`.
        #[arg(long)]
        checks: Option<String>,
        /// How results are written.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// The plans (JSON files, or `-`).
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
    /// Draws a record's first paint as HTML, for a page to put inside its <ourplan-record>: the
    /// element's own form (labels, hints, values, problems) in a declarative shadow root, shown
    /// and typed into before the kit's module arrives; with --light, the form in the page itself,
    /// which works without JavaScript inside a <form>. Exit code 2, with the kit's message drawn
    /// in place of the form, when the schema or value cannot be used.
    Render {
        #[command(flatten)]
        page: PageArgs,
        /// Show the value's problems, with the error summary (as after validate()).
        #[arg(long)]
        problems: bool,
        /// The form in the page itself, for pages that must work without JavaScript: its
        /// fields are sent with the page's <form>, named by JSON Pointer (see `assemble`). The
        /// page links the stylesheet itself.
        #[arg(long)]
        light: bool,
    },
    /// Draws a plan's first paint as HTML, for a page to put inside its <ourplan-plan>: the plan
    /// read back as a document, shown at once while the builder's tools arrive. Exit code 2,
    /// with an empty plan drawn, when the plan cannot be opened.
    RenderPlan {
        /// The language: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The address of the kit's stylesheet (pkg/ourplan.css) as the page asks for it.
        #[arg(long, value_name = "URL", default_value = "ourplan.css")]
        stylesheet: String,
        /// The plan (JSON), or `-` for standard input.
        #[arg(value_name = "FILE")]
        plan: String,
    },
    /// Turns a form sent without JavaScript (a page drawn with `render --light`) back into the
    /// record, checks it, and prints one line of JSON: { valid, errors, value, action,
    /// unplaced }. Exit code 0 when the record is valid and no button asked for more.
    Assemble {
        #[command(flatten)]
        page: PageArgs,
        /// The element's `name`: when the kit was there, it sent the record as JSON under it,
        /// and that is the record.
        #[arg(long, value_name = "NAME")]
        json_field: Option<String>,
        /// Writes the form drawn again (problems showing, or what a button asked for) to FILE,
        /// for the page to show when the record is not accepted.
        #[arg(long = "page", value_name = "FILE")]
        page_out: Option<String>,
        /// The posted body (application/x-www-form-urlencoded), or `-` for standard input.
        #[arg(value_name = "FILE", default_value = "-")]
        posted: String,
    },
    /// Writes a plan in a form other systems read, to standard output: a FHIR R4 Bundle
    /// (CarePlan and Goals), the PRSB About Me sections as JSON, Markdown, or the plan's own
    /// JSON. Exit code 2, with the reason on standard error, when the plan cannot be opened.
    Export {
        #[command(flatten)]
        what: ExportArgs,
        /// The language of the export's own words: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: String,
        /// With --fhir: a reference to the person the plan is for (`Patient/123`); without it
        /// the person is named by a display alone.
        #[arg(long, value_name = "REFERENCE")]
        subject: Option<String>,
        /// The plan (JSON), or `-` for standard input.
        #[arg(value_name = "FILE")]
        plan: String,
    },
}

/// Which form `export` writes: exactly one.
#[derive(clap::Args)]
#[group(required = true, multiple = false)]
struct ExportArgs {
    /// A FHIR R4 Bundle: a CarePlan (narrative, activities, notes) and a Goal per outcome.
    #[arg(long)]
    fhir: bool,
    /// The PRSB About Me sections as JSON.
    #[arg(long)]
    about_me: bool,
    /// Markdown, as the element's "Download your plan as a document".
    #[arg(long)]
    markdown: bool,
    /// The plan file's own JSON.
    #[arg(long)]
    json: bool,
}

impl ExportArgs {
    fn format(&self) -> ExportAs {
        if self.fhir {
            ExportAs::Fhir
        } else if self.about_me {
            ExportAs::AboutMe
        } else if self.markdown {
            ExportAs::Markdown
        } else {
            ExportAs::Json
        }
    }
}

/// What a drawn page is: the same for `render` and for `assemble` of what it sent.
#[derive(clap::Args)]
struct PageArgs {
    /// The record schema (JSON Schema, draft 2020-12).
    #[arg(long, value_name = "FILE")]
    schema: String,
    /// A schema that `$ref`s name by URI, from a file. Repeatable.
    #[arg(long = "remote", value_name = "URI=FILE")]
    remotes: Vec<String>,
    /// The value to show (JSON), or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    value: Option<String>,
    /// The language: `en` or `cy`.
    #[arg(long, default_value = "en")]
    lang: String,
    /// How much of the form shows, as the element's `level`: `brief`, `standard` or `full`.
    #[arg(long, default_value = "brief")]
    level: String,
    /// The address of the kit's stylesheet (pkg/ourplan.css) as the page asks for it.
    #[arg(long, value_name = "URL", default_value = "ourplan.css")]
    stylesheet: String,
}

impl PageArgs {
    /// The job, or `None` after saying why the arguments cannot be used.
    fn job(
        self,
        problems: bool,
        light: bool,
        limits: ourplan_core::limits::Limits,
        stdin: &mut Option<String>,
    ) -> Option<Render> {
        let remotes = or_say(read_remotes(&self.remotes))?;
        Some(Render {
            schema: Input::read(&self.schema, stdin),
            remotes,
            value: self.value.as_deref().map(|v| Input::read(v, stdin)),
            lang: Lang::from_tag(&self.lang),
            level: ourplan_core::model::Level::from_name(&self.level),
            problems,
            stylesheet: self.stylesheet,
            light,
            limits,
        })
    }
}

fn format(f: FormatArg) -> Format {
    match f {
        FormatArg::Text => Format::Text,
        FormatArg::Json => Format::Json,
    }
}

/// The element's settings from the command's arguments, read as the element reads its
/// attributes.
fn plan_settings(
    lang: &str,
    rules: Option<String>,
    indicative: Option<String>,
    period: &str,
    checks: Option<String>,
) -> Result<Settings, String> {
    let rules = match rules {
        Some(file) => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("--signoff-rules {file}: {e}"))?;
            Some(Rules::from_json(&text).map_err(|e| format!("--signoff-rules {file}: {e}"))?)
        }
        None => None,
    };
    let period = match period.trim() {
        "week" => Period::Week,
        "month" => Period::Month,
        "year" => Period::Year,
        other => return Err(format!("--budget-period {other}: not week, month or year")),
    };
    let indicative = match indicative {
        Some(amount) => Some(Indicative {
            amount_pence: parse_pounds(&amount)
                .map_err(|e| format!("--indicative-budget {amount}: {e}"))?,
            period,
        }),
        None => None,
    };
    let law = match checks {
        Some(name) => Some(
            Law::from_name(&name)
                .ok_or_else(|| format!("--checks {name}: not england or wales"))?,
        ),
        None => None,
    };
    Ok(Settings {
        lang: Lang::from_tag(lang),
        rules,
        law,
        indicative,
    })
}

/// The value, or `None` after saying on standard error why the arguments cannot be used.
fn or_say<T>(result: Result<T, String>) -> Option<T> {
    result.map_err(|why| eprintln!("ourplan: {why}")).ok()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut stdin = None;
    let Some(limits) = or_say(read_limits(&cli.limits)) else {
        return ExitCode::from(Outcome::Unreadable as u8);
    };
    let result = match cli.command {
        Command::Validate {
            schema,
            remotes,
            lang,
            format: f,
            lines,
            files,
        } => {
            let Some(remotes) = or_say(read_remotes(&remotes)) else {
                return ExitCode::from(Outcome::Unreadable as u8);
            };
            let job = Validate {
                schema: Input::read(&schema, &mut stdin),
                remotes,
                inputs: files.iter().map(|f| Input::read(f, &mut stdin)).collect(),
                lines,
                lang: Lang::from_tag(&lang),
                format: format(f),
                limits,
            };
            validate(&job, &mut out)
        }
        Command::CheckPlan {
            lang,
            signoff_rules,
            indicative_budget,
            budget_period,
            checks,
            format: f,
            files,
        } => {
            let Some(settings) = or_say(plan_settings(
                &lang,
                signoff_rules,
                indicative_budget,
                &budget_period,
                checks,
            )) else {
                return ExitCode::from(Outcome::Unreadable as u8);
            };
            let job = CheckPlan {
                inputs: files.iter().map(|f| Input::read(f, &mut stdin)).collect(),
                settings,
                format: format(f),
                limits,
            };
            check_plan(&job, &mut out)
        }
        Command::CheckSchema {
            remotes,
            lang,
            format: f,
            strict,
            files,
        } => {
            let Some(remotes) = or_say(read_remotes(&remotes)) else {
                return ExitCode::from(Outcome::Unreadable as u8);
            };
            let job = CheckSchema {
                inputs: files.iter().map(|f| Input::read(f, &mut stdin)).collect(),
                remotes,
                lang: Lang::from_tag(&lang),
                format: format(f),
                strict,
                limits,
            };
            check_schema(&job, &mut out)
        }
        Command::Render {
            page,
            problems,
            light,
        } => {
            let Some(job) = page.job(problems, light, limits, &mut stdin) else {
                return ExitCode::from(Outcome::Unreadable as u8);
            };
            render(&job, &mut out, &mut std::io::stderr())
        }
        Command::RenderPlan {
            lang,
            stylesheet,
            plan,
        } => {
            let plan = Input::read(&plan, &mut stdin);
            render_plan(
                &plan,
                Lang::from_tag(&lang),
                &stylesheet,
                &limits,
                &mut out,
                &mut std::io::stderr(),
            )
        }
        Command::Assemble {
            page,
            json_field,
            page_out,
            posted,
        } => {
            let posted = Input::read(&posted, &mut stdin);
            let Some(page) = page.job(false, true, limits, &mut stdin) else {
                return ExitCode::from(Outcome::Unreadable as u8);
            };
            let job = Assemble {
                page,
                posted,
                json_field,
                page_out,
            };
            assemble(&job, &mut out, &mut std::io::stderr())
        }
        Command::Export {
            what,
            lang,
            subject,
            plan,
        } => {
            let job = Export {
                plan: Input::read(&plan, &mut stdin),
                format: what.format(),
                lang: Lang::from_tag(&lang),
                subject,
                limits,
            };
            export(&job, &mut out, &mut std::io::stderr())
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
