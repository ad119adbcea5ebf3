//! The tools make no network access: every command is traced with strace and
//! must open no socket at all (a documented promise for health data).

use std::process::Command;

use crate::root;

/// Runs `tsunagu ARGS` under strace; the socket-related system calls it made.
fn socket_calls(args: &[&str]) -> Option<Vec<String>> {
    traced(&assert_cmd::cargo::cargo_bin("tsunagu"), args)
}

/// Runs a program under strace; the network system calls it made (signals aside).
fn traced(program: &std::path::Path, args: &[&str]) -> Option<Vec<String>> {
    if Command::new("strace").arg("-V").output().is_err() {
        assert!(std::env::var_os("TSUNAGU_REQUIRE_TOOLS").is_none(), "strace is required here but not installed");
        eprintln!("note: strace not installed; the no-network check is skipped");
        return None;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let trace = dir.path().join("trace");
    let status = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=%network", "-o"])
        .arg(&trace)
        .arg(program)
        .args(args)
        .current_dir(root())
        .output()
        .expect("strace runs");
    let stderr = String::from_utf8_lossy(&status.stderr);
    // strace reports its own failures (e.g. ptrace not permitted) as "strace: …".
    assert!(!stderr.lines().any(|line| line.starts_with("strace:")), "strace could not trace: {stderr}");
    assert!(status.status.code().is_some_and(|code| code <= 1), "{args:?}: {stderr}");
    let text = std::fs::read_to_string(&trace).expect("trace written");
    Some(text.lines().filter(|line| !is_signal_or_detach(line)).map(str::to_owned).collect())
}

/// Lines strace writes that are not system calls of the program: signals, and a
/// thread torn down by `exit_group` before strace saw which call it was in
/// (`PID  ???( <detached ...>`; seen once in CI). A network call strace has
/// seen entering is always named, so neither line can hide one.
fn is_signal_or_detach(line: &str) -> bool {
    let call = line.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start();
    call.starts_with("--- SIG") || call == "???( <detached ...>"
}

#[test]
fn only_signals_and_unnamed_detaches_are_left_out_of_the_trace() {
    assert!(is_signal_or_detach("3125  ???( <detached ...>"));
    assert!(is_signal_or_detach("3125  --- SIGCHLD {si_signo=SIGCHLD} ---"));
    assert!(!is_signal_or_detach("3125  socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3"));
    assert!(!is_signal_or_detach("3125  connect(3, {sa_family=AF_INET} <detached ...>"));
    assert!(!is_signal_or_detach("3125  ???(1, 2) = 0"));
    assert!(is_signal_or_detach("--- SIGCHLD {si_signo=SIGCHLD} ---"));
}

#[test]
fn the_trace_sees_a_connection_when_there_is_one() {
    // The control: bash's /dev/tcp opens a socket and connects (refused or not).
    let Some(calls) = traced(std::path::Path::new("bash"), &["-c", "exec 3<>/dev/tcp/127.0.0.1/9 || true"]) else {
        return;
    };
    assert!(calls.iter().any(|call| call.contains("socket(AF_INET")), "{calls:?}");
    assert!(calls.iter().any(|call| call.contains("connect(")), "{calls:?}");
}

#[test]
fn no_command_opens_a_socket() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let (pdf, batch, xml) = (out("doc.pdf"), out("batch"), out("doc.xml"));
    let commands: Vec<Vec<&str>> = vec![
        vec!["validate", "--format", "sarif", "examples/", "tests/fixtures/"],
        vec!["render", "examples/consent-five-departments.json", "-o", &pdf],
        vec!["extract", &pdf],
        vec!["verify", &pdf],
        vec!["batch", "examples/", "-o", &batch],
        vec!["convert", "--to", "xml", "examples/consent-five-departments.json", "-o", &xml],
        vec!["validate", &xml],
        vec!["score", "examples/assessment-tracheostomy-ventilator.json"],
        vec!["schema", "consent"],
        vec!["sample", "--kind", "instruction", "--count", "3"],
        vec!["codes"],
        vec!["migrate", "tests/migrate/1.0/instruction-diabetes-nursery.json"],
    ];
    for args in commands {
        let Some(calls) = socket_calls(&args) else { return };
        assert!(calls.is_empty(), "{args:?} made network system calls:\n{}", calls.join("\n"));
    }
}

#[test]
fn no_networking_crate_is_linked() {
    // The static half of the promise: no HTTP client or resolver in the lock file
    // (jsonschema's remote references and Typst's package downloads are off).
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    for name in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "native-tls",
        "rustls",
        "h2",
        "trust-dns-resolver",
        "hickory-resolver",
    ] {
        assert!(!lock.contains(&format!("name = \"{name}\"")), "{name} is in Cargo.lock");
    }
}
