//! What a person reads, snapshotted with `insta` in both languages: the score
//! table, and the error each command stops with (printed once, by `main`, in the
//! language asked for). `cargo insta review` after an intended change.

use crate::tsunagu;

/// Standard output and standard error of a run, with its exit code.
fn run(args: &[&str]) -> String {
    let output = tsunagu().args(args).output().expect("runs");
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_score_table() {
    for lang in ["ja", "en"] {
        insta::assert_snapshot!(
            format!("score-{lang}"),
            run(&["score", "--lang", lang, "examples/assessment-tracheostomy-ventilator.json"])
        );
    }
}

#[test]
fn errors_in_each_language() {
    let cases: [(&str, &[&str]); 6] = [
        ("render-invalid", &["render", "tests/fixtures/instruction-no-care.json", "-o", "target/never.pdf"]),
        ("score-consent", &["score", "examples/consent-five-departments.json"]),
        ("render-missing-file", &["render", "no/such/file.json"]),
        ("convert-invalid", &["convert", "--to", "xml", "tests/fixtures/consent-rules.json"]),
        ("migrate-many-without-in-place", &["migrate", "tests/migrate/1.0"]),
        ("batch-bad-name", &["batch", "examples", "-o", "target/never", "--name", "{nope}"]),
    ];
    for (name, args) in cases {
        for lang in ["ja", "en"] {
            let mut with_lang = args.to_vec();
            with_lang.extend(["--lang", lang]);
            insta::assert_snapshot!(format!("{name}-{lang}"), run(&with_lang));
        }
    }
}
