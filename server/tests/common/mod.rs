//! Starts the real server on a loopback port and talks HTTP/1.1 to it over raw TCP,
//! so that tests can also send what no client library would (invalid UTF-8, huge
//! targets, slow or truncated requests).
#![allow(dead_code)] // each test file uses a different part

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use dvhc_server::{Config, Server};

/// A server running on its own thread until dropped.
pub struct Running {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// Stops the server (gracefully) and waits for it.
    pub fn stop(mut self) -> std::io::Result<()> {
        self.stop_inner()
    }

    fn stop_inner(&mut self) -> std::io::Result<()> {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        match self.thread.take() {
            Some(t) => t.join().expect("server thread panicked"),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop_inner();
    }
}

/// Starts a server with the default configuration on 127.0.0.1, a free port.
pub fn start() -> Running {
    start_with(Config::default())
}

/// Starts a server with `config`, on 127.0.0.1, a free port.
pub fn start_with(config: Config) -> Running {
    let server = Server::bind(Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        threads: Some(2),
        ..config
    })
    .expect("bind");
    let addr = server.local_addr();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        server.run_until(async move {
            let _ = rx.await;
        })
    });
    Running {
        addr,
        stop: Some(tx),
        thread: Some(thread),
    }
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// The value of a header (the last one of that name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .rev()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }
}

/// Sends raw bytes and reads the response until the server closes the connection.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request).expect("write");
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).expect("read");
    parse(&buf, !request.starts_with(b"HEAD "))
}

/// Parses one response; `with_body` is false for HEAD.
pub fn parse(buf: &[u8], with_body: bool) -> Resp {
    let end = buf
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no response head in {:?}", String::from_utf8_lossy(buf)));
    let head = std::str::from_utf8(&buf[..end]).expect("UTF-8 head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_owned(), v.trim().to_owned())
        })
        .collect();
    let mut body = buf[end + 4..].to_vec();
    if with_body {
        if let Some((_, len)) = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        {
            let len: usize = len.parse().unwrap();
            assert!(body.len() >= len, "short body: {} of {len}", body.len());
            body.truncate(len);
        }
    }
    Resp {
        status,
        headers,
        body,
    }
}

/// `GET target` with extra header lines (each ending in `\r\n`).
pub fn get_with(addr: SocketAddr, target: &str, headers: &str) -> Resp {
    raw(
        addr,
        format!("GET {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n{headers}\r\n")
            .as_bytes(),
    )
}

/// `GET target`.
pub fn get(addr: SocketAddr, target: &str) -> Resp {
    get_with(addr, target, "")
}

/// A request with any method and optional body.
pub fn request(addr: SocketAddr, method: &str, target: &str, headers: &str, body: &[u8]) -> Resp {
    let mut req = format!(
        "{method} {target} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Length: {}\r\n{headers}\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(body);
    raw(addr, &req)
}

/// The keys of a JSON object in the order they are written (serde_json's `Value`
/// sorts them).
pub fn keys_in_order(json_object: &str) -> Vec<String> {
    use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some((k, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                keys.push(k);
            }
            Ok(keys)
        }
    }
    let mut de = serde_json::Deserializer::from_str(json_object);
    de.deserialize_map(Keys).expect("a JSON object")
}

/// The JSON text of the first element of a JSON array body.
pub fn first_element(body: &[u8]) -> String {
    let items: Vec<Box<serde_json::value::RawValue>> =
        serde_json::from_slice(body).expect("a JSON array");
    items[0].get().to_owned()
}

/// The JSON text of element `i` of a JSON array text.
pub fn element(array: &str, i: usize) -> String {
    let items: Vec<Box<serde_json::value::RawValue>> =
        serde_json::from_str(array).expect("a JSON array");
    items[i].get().to_owned()
}

/// The JSON text of member `key` of a JSON object text.
pub fn member(object: &str, key: &str) -> String {
    let m: std::collections::HashMap<String, Box<serde_json::value::RawValue>> =
        serde_json::from_str(object).expect("a JSON object");
    m[key].get().to_owned()
}
