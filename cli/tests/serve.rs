//! `dvhc serve` end to end: the binary starts, answers, logs each request in the
//! Combined Log Format, and stops cleanly on SIGTERM.
#![cfg(all(unix, feature = "serve"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn serve_answers_logs_and_stops_on_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dvhc"))
        .args(["serve", "--addr", "127.0.0.1:0", "--threads", "1"])
        .env_remove("RUST_LOG")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .rsplit("http://")
        .next()
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    assert!(line.contains("listening on"), "{line}");

    let mut c = TcpStream::connect(&addr).unwrap();
    c.write_all(
        b"GET /api/v2/w/26740 HTTP/1.1\r\nHost: x\r\nUser-Agent: t/1\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let mut resp = String::new();
    c.read_to_string(&mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200 OK"), "{resp}");
    assert!(resp.contains("\"name\":\"Phường Sài Gòn\""), "{resp}");

    let mut log = String::new();
    err.read_line(&mut log).unwrap();
    assert!(
        log.starts_with("127.0.0.1 - - [")
            && log.contains("] \"GET /api/v2/w/26740 HTTP/1.1\" 200 "),
        "{log}"
    );
    assert!(log.trim_end().ends_with("\"-\" \"t/1\""), "{log}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    assert!(rest.contains("all connections closed"), "{rest}");
}

#[test]
fn serve_refuses_bad_options() {
    let out = Command::new(env!("CARGO_BIN_EXE_dvhc"))
        .args(["serve", "--cors", "example.com"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not an origin"));
    let out = Command::new(env!("CARGO_BIN_EXE_dvhc"))
        .args(["serve", "--threads", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
