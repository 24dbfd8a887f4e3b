//! The HTTP side, on the real server: methods, HEAD, CORS, caching, compression,
//! limits, bad input, slow clients, keep-alive and graceful shutdown.

mod common;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::*;
use dvhc_server::{Config, CorsOrigins};
use serde_json::json;

fn gunzip(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(b)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(b, 4096)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn health_and_version() {
    let s = start();
    let r = get(s.addr, "/healthz");
    assert_eq!((r.status, r.json()), (200, json!({"status": "ok"})));
    let v = get(s.addr, "/version").json();
    assert_eq!(v["data_version"], dvhc::DATA_VERSION);
    assert_eq!(v["legacy_data_version"], "2025-06-30");
    assert_eq!(v["server"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn head_is_get_without_a_body() {
    let s = start();
    for t in ["/api/v2/p/", "/api/v2/w/4", "/api/v2/p/99", "/healthz"] {
        let g = get(s.addr, t);
        let h = raw(
            s.addr,
            format!("HEAD {t} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(h.status, g.status, "{t}");
        assert!(h.body.is_empty(), "{t}");
        assert_eq!(
            h.header("content-length"),
            Some(g.body.len().to_string().as_str()),
            "{t}"
        );
        assert_eq!(h.header("content-type"), g.header("content-type"));
        assert_eq!(h.header("etag"), g.header("etag"));
    }
}

#[test]
fn methods() {
    let s = start();
    let r = request(s.addr, "POST", "/api/v2/p/", "", b"{}");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD, OPTIONS"));
    assert_eq!(
        r.json(),
        json!({"type": "http-method-not-allowed", "title": "Method Not Allowed", "status": 405, "detail": "Method Not Allowed"})
    );
    let r = request(s.addr, "DELETE", "/api/v1/p/1", "", b"");
    assert_eq!(r.status, 405);
    assert_eq!(r.json(), json!({"detail": "Method Not Allowed"}));
    // An unknown path is a 404 whatever the method.
    assert_eq!(request(s.addr, "PUT", "/nope", "", b"").status, 404);
}

#[test]
fn cors_on_every_response_and_preflight() {
    let s = start();
    for t in ["/api/v2/p/", "/api/v2/p/99", "/api/v1/p/abc", "/nope"] {
        let r = get_with(s.addr, t, "Origin: https://app.example\r\n");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"), "{t}");
    }
    let r = request(
        s.addr,
        "OPTIONS",
        "/api/v2/p/",
        "Origin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n",
        b"",
    );
    assert!(r.status == 200 || r.status == 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("GET"));

    // Only listed origins.
    let s = start_with(Config {
        cors: CorsOrigins::List(vec!["https://ok.example".into()]),
        ..Config::default()
    });
    let r = get_with(s.addr, "/api/v2/p/1", "Origin: https://ok.example\r\n");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://ok.example")
    );
    let r = get_with(s.addr, "/api/v2/p/1", "Origin: https://evil.example\r\n");
    assert_eq!(r.header("access-control-allow-origin"), None);

    // Off: no CORS headers; OPTIONS is answered by the server itself.
    let s = start_with(Config {
        cors: CorsOrigins::Off,
        ..Config::default()
    });
    let r = get_with(s.addr, "/api/v2/p/1", "Origin: https://app.example\r\n");
    assert_eq!(r.header("access-control-allow-origin"), None);
    let r = request(s.addr, "OPTIONS", "/api/v2/p/", "", b"");
    assert_eq!(
        (r.status, r.header("allow")),
        (204, Some("GET, HEAD, OPTIONS"))
    );
}

#[test]
fn static_lists_are_cached_and_compressed() {
    let s = start();
    let plain = get(s.addr, "/api/v2/?depth=2");
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(plain.header("cache-control"), Some("public, max-age=3600"));
    assert_eq!(plain.header("vary"), Some("accept-encoding"));
    let tag = plain.header("etag").unwrap().to_owned();
    let gz = get_with(s.addr, "/api/v2/?depth=2", "Accept-Encoding: gzip\r\n");
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&gz.body), plain.body);
    assert!(gz.body.len() * 5 < plain.body.len());
    let br = get_with(
        s.addr,
        "/api/v2/?depth=2",
        "Accept-Encoding: gzip, deflate, br\r\n",
    );
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(unbrotli(&br.body), plain.body);
    assert!(br.body.len() < gz.body.len());
    // Each coding has its own tag; any of them revalidates.
    let br_tag = br.header("etag").unwrap().to_owned();
    assert_ne!(br_tag, tag);
    for t in [&tag, &br_tag] {
        let r = get_with(
            s.addr,
            "/api/v2/?depth=2",
            &format!("If-None-Match: {t}\r\nAccept-Encoding: br\r\n"),
        );
        assert_eq!(r.status, 304);
        assert!(r.body.is_empty());
        assert_eq!(r.header("etag"), Some(br_tag.as_str()));
        assert_eq!(r.header("cache-control"), Some("public, max-age=3600"));
    }
    let r = get_with(s.addr, "/api/v2/?depth=2", "If-None-Match: \"other\"\r\n");
    assert_eq!(r.status, 200);
    // The v1 tree too (2 MB).
    let br = get_with(s.addr, "/api/v1/?depth=3", "Accept-Encoding: br\r\n");
    let plain = get(s.addr, "/api/v1/?depth=3");
    assert_eq!(unbrotli(&br.body), plain.body);
    assert!(plain.body.len() > 500_000 && br.body.len() * 5 < plain.body.len());
}

#[test]
fn dynamic_bodies_are_compressed_when_large() {
    let s = start();
    let plain = get(s.addr, "/api/v2/w/?search=an");
    assert!(plain.body.len() > 1024);
    let gz = get_with(s.addr, "/api/v2/w/?search=an", "Accept-Encoding: gzip\r\n");
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gunzip(&gz.body), plain.body);
    // Small bodies are sent as they are.
    let r = get_with(s.addr, "/api/v2/w/4", "Accept-Encoding: gzip\r\n");
    assert_eq!(r.header("content-encoding"), None);
}

#[test]
fn errors_are_not_cached() {
    let s = start();
    assert_eq!(
        get(s.addr, "/api/v2/p/99").header("cache-control"),
        Some("no-store")
    );
    assert_eq!(
        get(s.addr, "/api/v2/w/4").header("cache-control"),
        Some("public, max-age=3600")
    );
    let s = start_with(Config {
        max_age: 60,
        ..Config::default()
    });
    assert_eq!(
        get(s.addr, "/api/v2/w/4").header("cache-control"),
        Some("public, max-age=60")
    );
}

#[test]
fn bad_input_gets_a_4xx_and_the_server_goes_on() {
    let s = start();
    // Invalid UTF-8 once percent-decoded.
    let r = get(s.addr, "/api/v2/w/?search=%C3%28");
    assert_eq!(r.status, 400);
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.json()["type"], "invalid-encoding");
    let r = get(s.addr, "/api/v1/w/search/?q=%FF");
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].is_string());
    // Over the target limit: 414 with a problem body.
    let r = get(s.addr, &format!("/api/v2/w/?search={}", "a".repeat(17_000)));
    assert_eq!(r.status, 414);
    assert_eq!(r.json()["type"], "http-uri-too-long");
    // Over the search limit: 422.
    let r = get(s.addr, &format!("/api/v2/p/?search={}", "a".repeat(300)));
    assert_eq!(r.status, 422);
    assert_eq!(r.json()["errors"][0]["type"], "string_too_long");
    // Heads too large for the HTTP layer: refused, connection closed.
    let r = get(
        s.addr,
        &format!("/api/v2/w/?search={}", "a".repeat(100_000)),
    );
    assert!(r.status == 414 || r.status == 431, "{}", r.status);
    // Malformed HTTP.
    assert_eq!(raw(s.addr, b"garbage\r\n\r\n").status, 400);
    assert_eq!(
        raw(
            s.addr,
            b"GET /api/v2/p/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
        )
        .status,
        400
    );
    // Weird but valid paths and codes.
    for t in [
        "/api/v2/p/%00",
        "/api/v2/p/%2F",
        "/api/v2/w/%E1%BB%99",
        "/api/v2/p/1e3",
        "/api/v1/d/%20",
        "/api/v2/w/from-legacy/?legacy_code=1%00",
        "/api/v2/w/?province=%2B%2B1",
    ] {
        let r = get(s.addr, t);
        assert!((400..500).contains(&r.status), "{t}: {}", r.status);
    }
    // Still serving.
    assert_eq!(get(s.addr, "/api/v2/w/4").status, 200);
}

#[test]
fn keep_alive_serves_several_requests_on_one_connection() {
    let s = start();
    let mut c = TcpStream::connect(s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(b"GET /api/v2/w/4 HTTP/1.1\r\nHost: x\r\n\r\nGET /api/v2/p/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut buf = Vec::new();
    c.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf);
    assert_eq!(text.matches("HTTP/1.1 200 OK").count(), 2, "{text}");
    assert!(text.contains("Phường Ba Đình") && text.contains("Thành phố Hà Nội"));
}

#[test]
fn slow_clients_are_cut_off_and_do_not_block_others() {
    let s = start_with(Config {
        header_timeout: Duration::from_millis(300),
        ..Config::default()
    });
    let mut slow = TcpStream::connect(s.addr).unwrap();
    slow.write_all(b"GET /api/v2/w/4 HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Others are served meanwhile.
    assert_eq!(get(s.addr, "/api/v2/w/4").status, 200);
    // The slow one is closed once its time is up (with or without a 408).
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = Vec::new();
    let _ = slow.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    assert!(buf.is_empty() || text.starts_with("HTTP/1.1 408"), "{text}");
}

#[test]
fn graceful_shutdown_finishes_in_flight_requests() {
    let s = start();
    let addr = s.addr;
    // A large response, not read yet: it is in flight when the server is told to stop.
    let mut c = TcpStream::connect(addr).unwrap();
    c.write_all(b"GET /api/v1/w/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    // Wait until the response has started.
    let mut first = [0u8; 12];
    c.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let stopper = std::thread::spawn(move || s.stop());
    let mut rest = Vec::new();
    c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    c.read_to_end(&mut rest).unwrap();
    let mut all = first.to_vec();
    all.extend_from_slice(&rest);
    let r = parse(&all, true);
    assert_eq!(r.json().as_array().unwrap().len(), 10_035);
    stopper.join().unwrap().unwrap();
    // Stopped: no one listens any more.
    assert!(TcpStream::connect(addr).is_err());
}

#[test]
fn connection_cap_queues_instead_of_failing() {
    let s = start_with(Config {
        max_connections: 1,
        ..Config::default()
    });
    // One idle keep-alive connection holds the only slot…
    let mut held = TcpStream::connect(s.addr).unwrap();
    held.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut buf = [0u8; 12];
    held.read_exact(&mut buf).unwrap();
    // …so the next one waits until it is closed.
    let addr = s.addr;
    let waiter = std::thread::spawn(move || get(addr, "/api/v2/w/4").status);
    std::thread::sleep(Duration::from_millis(200));
    assert!(!waiter.is_finished());
    drop(held);
    assert_eq!(waiter.join().unwrap(), 200);
}

#[test]
fn a_client_that_stops_reading_loses_its_connection() {
    let s = start_with(Config {
        max_connections: 1,
        timeout: Duration::from_millis(300),
        ..Config::default()
    });
    // Many large responses asked for and never read: the server's writes stall once
    // the socket buffers are full, and the connection holds the only slot…
    let mut stuck = TcpStream::connect(s.addr).unwrap();
    let one = b"GET /api/v1/w/ HTTP/1.1\r\nHost: x\r\n\r\n";
    for _ in 0..40 {
        if stuck.write_all(one).is_err() {
            break;
        }
    }
    // …until the write deadline drops it, and the next client is served.
    assert_eq!(get(s.addr, "/api/v2/w/4").status, 200);
    drop(stuck);
}

#[test]
fn a_slow_request_body_gets_a_408_problem_and_others_are_served() {
    let limit = Duration::from_secs(1);
    let s = start_with(Config {
        body_timeout: limit,
        ..Config::default()
    });
    let body = br#"["Phuong Ba Dinh, Ha Noi"]"#;
    let mut slow = TcpStream::connect(s.addr).unwrap();
    slow.write_all(
        format!(
            "POST /dvhc/translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )
    .unwrap();
    // A few bytes of the body, one at a time, then nothing: the whole body does not
    // arrive within the limit. (The trickle stops before the limit, so that the server
    // has read every byte sent and closes with a FIN, not a reset; the margin is wide
    // for a loaded machine.)
    for &b in &body[..3] {
        slow.write_all(&[b]).unwrap();
        // Another client is served meanwhile.
        assert_eq!(get(s.addr, "/api/v2/w/4").status, 200);
        std::thread::sleep(limit / 20);
    }
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = Vec::new();
    slow.read_to_end(&mut buf).unwrap();
    let r = parse(&buf, true);
    assert_eq!(r.status, 408, "{}", String::from_utf8_lossy(&buf));
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.header("connection"), Some("close"));
    let p = r.json();
    assert_eq!(p["type"], "http-request-timeout");
    assert_eq!(p["status"], 408);
    assert!(p["detail"].as_str().unwrap().contains("1s"), "{p}");
    // The same batch sent at once is answered.
    let r = request(
        s.addr,
        "POST",
        "/dvhc/translate",
        "Content-Type: application/json\r\n",
        body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn a_batch_whose_work_overruns_the_timeout_gets_a_503_problem() {
    // The body arrives at once; the work on 1,000 addresses (milliseconds even in a
    // release build) overruns a 1 ms limit. The body's own limit is not involved.
    let s = start_with(Config {
        timeout: Duration::from_millis(1),
        ..Config::default()
    });
    let items: Vec<String> = (1..=1000)
        .map(|i| format!("{i} Nguyen Trai, Phuong {}, Quan 5, TP HCM", i % 15 + 1))
        .collect();
    let r = request(
        s.addr,
        "POST",
        "/dvhc/translate",
        "Content-Type: application/json\r\n",
        json!(items).to_string().as_bytes(),
    );
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert_eq!(r.json()["type"], "timeout");
    // The server goes on.
    assert_eq!(get(s.addr, "/api/v2/w/4").status, 200);
}
