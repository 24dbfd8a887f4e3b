//! # dvhc-server — `dvhc serve`
//!
//! A self-hosted HTTP service for Vietnamese administrative units, built on the `dvhc`
//! library: offline, with no start-up cost (every table is compiled in), and
//! compatible with the public provinces web API, so that an existing client only
//! changes its base URL:
//!
//! * `/api/v2/…`: the 2025 two-level structure (34 provinces, 3,321 communes);
//! * `/api/v1/…`: the pre-2025 three-level structure (as of 30 June 2025);
//! * `/dvhc/translate`, `/dvhc/parse`, `/dvhc/search`, `/dvhc/get`, `/dvhc/locate`:
//!   dvhc's own endpoints, GET for one item and POST for a batch, with the library's
//!   JSON shapes;
//! * `GET /healthz`, `GET /version`, `GET /openapi.json` ([`OPENAPI`]).
//!
//! The endpoints, the differences from the provinces web API and the limits are in
//! the crate's README. The `dvhc` command line runs this crate as `dvhc serve`.
//!
//! ```no_run
//! use dvhc_server::{Config, Server};
//!
//! let config = Config {
//!     addr: "127.0.0.1:8080".parse()?,
//!     ..Config::default()
//! };
//! let server = Server::bind(config)?;
//! println!("listening on http://{}", server.local_addr());
//! server.run()?; // until SIGINT or SIGTERM
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Requests are logged at `info` level on the target [`ACCESS_LOG_TARGET`], one line
//! each in the Combined Log Format, through the `log` facade: install any logger.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod access_log;
mod app;
mod compat;
mod encoding;
mod net;
mod own;
mod params;
mod problem;
mod router;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

pub use access_log::TARGET as ACCESS_LOG_TARGET;

/// The OpenAPI 3.1 description of every endpoint, as served at `/openapi.json`.
///
/// ```
/// let doc: serde_json::Value = serde_json::from_str(dvhc_server::OPENAPI).unwrap();
/// assert_eq!(doc["openapi"], "3.1.0");
/// assert!(doc["paths"]["/api/v2/w/{code}"].is_object());
/// ```
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Which origins may call the service from a browser (CORS).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorsOrigins {
    /// Any origin (`Access-Control-Allow-Origin: *`), as the provinces web API allows.
    Any,
    /// Only these origins (`https://example.com`), each sent back when it asks.
    List(Vec<String>),
    /// No CORS headers at all.
    Off,
}

/// How the server runs. [`Config::default`] is what `dvhc serve` uses without options.
///
/// ```
/// let c = dvhc_server::Config::default();
/// assert_eq!(c.addr.to_string(), "127.0.0.1:8080");
/// assert_eq!(c.max_uri, 16 * 1024);
/// ```
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Worker threads; `None` for one per core. With 1 the server runs on the
    /// calling thread alone.
    pub threads: Option<usize>,
    /// CORS origins.
    pub cors: CorsOrigins,
    /// Longest request target (path and query string), bytes; longer ones get 414.
    pub max_uri: usize,
    /// Longest request body (a batch to dvhc's endpoints), bytes; larger ones get 413.
    pub max_body: usize,
    /// Time allowed for the work on a batch (a POST) once its body is read (past it
    /// the client gets 503), and for each write of a response to make progress (past
    /// it the connection is dropped: a client that stops reading cannot hold a slot).
    pub timeout: Duration,
    /// Time allowed for a client to send a request head; past it the connection is
    /// closed (with no response). Also bounds how long an idle keep-alive connection
    /// is kept.
    pub header_timeout: Duration,
    /// Time allowed for a client to send a request body (a POST batch), from the
    /// head's end; past it the client gets 408 and the connection is closed.
    pub body_timeout: Duration,
    /// Connections served at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// `Cache-Control: public, max-age=…` of successful data responses, seconds.
    pub max_age: u32,
    /// Time allowed for in-flight requests to finish after SIGINT/SIGTERM.
    pub shutdown_timeout: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            threads: None,
            cors: CorsOrigins::Any,
            max_uri: 16 * 1024,
            max_body: 1 << 20,
            timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_connections: 1024,
            max_age: 3600,
            shutdown_timeout: Duration::from_secs(30),
        }
    }
}

/// `GET /version`: the versions of the server, the library and its data.
#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    /// The version of this crate.
    pub server: &'static str,
    /// The date of the newest official list the current structure reflects.
    pub data_version: &'static str,
    /// The last day of the pre-2025 structure, the date of API v1's data.
    pub legacy_data_version: String,
}

impl VersionInfo {
    /// The versions of this build.
    ///
    /// ```
    /// let v = dvhc_server::VersionInfo::current();
    /// assert_eq!(v.data_version, dvhc::DATA_VERSION);
    /// assert_eq!(v.legacy_data_version, "2025-06-30");
    /// ```
    pub fn current() -> VersionInfo {
        VersionInfo {
            server: env!("CARGO_PKG_VERSION"),
            data_version: dvhc::DATA_VERSION,
            legacy_data_version: dvhc::Date::LAST_LEGACY_DAY.to_string(),
        }
    }
}

/// A server bound to its address, ready to run.
#[derive(Debug)]
pub struct Server {
    listener: std::net::TcpListener,
    config: Config,
}

impl Server {
    /// Binds the listening socket. Nothing is served until [`run`](Server::run) or
    /// [`run_until`](Server::run_until).
    ///
    /// ```
    /// use dvhc_server::{Config, Server};
    /// let s = Server::bind(Config { addr: "127.0.0.1:0".parse().unwrap(), ..Config::default() })?;
    /// assert!(s.local_addr().port() > 0);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn bind(config: Config) -> io::Result<Server> {
        let listener = std::net::TcpListener::bind(config.addr)?;
        listener.set_nonblocking(true)?;
        Ok(Server { listener, config })
    }

    /// The address the server listens on (with the port chosen when it was 0).
    pub fn local_addr(&self) -> SocketAddr {
        // The socket is bound, so its address is known.
        self.listener.local_addr().unwrap_or(self.config.addr)
    }

    /// Serves until SIGINT (Ctrl-C) or SIGTERM, then lets in-flight requests finish.
    pub fn run(self) -> io::Result<()> {
        self.run_until(shutdown_signal())
    }

    /// Serves until `shutdown` completes, then lets in-flight requests finish (for at
    /// most [`Config::shutdown_timeout`]).
    ///
    /// ```
    /// use dvhc_server::{Config, Server};
    /// let s = Server::bind(Config { addr: "127.0.0.1:0".parse().unwrap(), ..Config::default() })?;
    /// s.run_until(async {})?; // stops at once
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn run_until(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let threads = self.config.threads.unwrap_or(0);
        let runtime = if threads == 1 {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?
        } else {
            let mut b = tokio::runtime::Builder::new_multi_thread();
            if threads > 1 {
                b.worker_threads(threads);
            }
            b.thread_name("dvhc-serve").enable_all().build()?
        };
        let app = Arc::new(app::App {
            policy: app::Policy {
                max_uri: self.config.max_uri,
                max_body: self.config.max_body,
                body_timeout: self.config.body_timeout,
                timeout: self.config.timeout,
                cache_control: http::HeaderValue::from_str(&format!(
                    "public, max-age={}",
                    self.config.max_age
                ))
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?,
            },
            cache: encoding::Cache::default(),
        });
        let config = self.config;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            net::serve(listener, app, &config, shutdown).await;
            Ok(())
        })
    }
}

/// Completes on SIGINT or (on Unix) SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            // No signal handling: never stop on a signal.
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    () = ctrl_c => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => ctrl_c.await,
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
    log::info!("signal received");
}
