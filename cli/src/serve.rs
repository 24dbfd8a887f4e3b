//! `dvhc serve`: the HTTP service of the `dvhc-server` crate, with its options and a
//! logger on stderr.

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;
use dvhc_server::{Config, CorsOrigins, Server};

/// The examples under `dvhc serve --help`.
pub(crate) const EXAMPLES: &str = "\
Endpoints: /api/v2/… and /api/v1/… as the provinces web API (same paths, fields and
status codes; an existing client only changes its base URL); /dvhc/translate, parse,
search, get and locate (GET one item, POST a JSON array of up to 1,000, with the JSON
this tool prints); /healthz, /version, /openapi.json.
One line per request goes to stderr in the Combined Log Format (RUST_LOG=warn
silences it). SIGINT or SIGTERM stops the server after in-flight requests finish.

Examples:
  dvhc serve
  dvhc serve --addr 0.0.0.0:8080 --threads 4
  dvhc serve --cors https://app.example,https://admin.example
  curl http://127.0.0.1:8080/api/v2/w/26740
  curl 'http://127.0.0.1:8080/dvhc/translate?q=P.+Ben+Nghe,+Q.1,+TP.HCM'";

/// Options of `dvhc serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    addr: SocketAddr,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Origins allowed to call from a browser: `*` (any), `off`, or a comma-separated
    /// list of origins.
    #[arg(long, default_value = "*", value_name = "ORIGINS", value_parser = parse_cors)]
    cors: CorsOrigins,
    /// `Cache-Control: public, max-age=SECONDS` of successful data responses.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    max_age: u32,
    /// Time allowed for a batch's work once its body is read (503 after), and for
    /// each response write to make progress, in seconds.
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..))]
    timeout: u64,
    /// Connections served at once; more wait for a free slot.
    #[arg(long, default_value_t = 1024, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
}

fn parse_cors(s: &str) -> Result<CorsOrigins, String> {
    match s.trim() {
        "*" => Ok(CorsOrigins::Any),
        "off" | "none" => Ok(CorsOrigins::Off),
        list => {
            let origins: Vec<String> = list
                .split(',')
                .map(|o| o.trim().trim_end_matches('/').to_owned())
                .filter(|o| !o.is_empty())
                .collect();
            if origins.is_empty() {
                return Err("expected `*`, `off` or a comma-separated list of origins".into());
            }
            if let Some(bad) = origins
                .iter()
                .find(|o| !(o.starts_with("http://") || o.starts_with("https://")))
            {
                return Err(format!("{bad:?} is not an origin like https://app.example"));
            }
            Ok(CorsOrigins::List(origins))
        }
    }
}

/// Runs the server until SIGINT or SIGTERM; `Err` holds the message of an I/O error.
pub(crate) fn run(a: ServeArgs) -> Result<(), String> {
    init_logger();
    let config = Config {
        addr: a.addr,
        threads: a.threads.map(usize::from),
        cors: a.cors,
        max_age: a.max_age,
        timeout: Duration::from_secs(a.timeout),
        max_connections: a.max_connections as usize,
        ..Config::default()
    };
    let server = Server::bind(config).map_err(|e| format!("cannot listen on {}: {e}", a.addr))?;
    log::info!(
        "dvhc {} (data {}) listening on http://{}",
        env!("CARGO_PKG_VERSION"),
        dvhc::DATA_VERSION,
        server.local_addr()
    );
    server.run().map_err(|e| format!("server error: {e}"))
}

/// Logs to stderr: request lines as they are, other messages as `dvhc: LEVEL message`.
/// `RUST_LOG` sets the level (default `info`).
fn init_logger() {
    let mut b = env_logger::Builder::new();
    b.filter_level(log::LevelFilter::Info)
        .parse_env("RUST_LOG")
        .format(|buf, record| {
            if record.target() == dvhc_server::ACCESS_LOG_TARGET {
                writeln!(buf, "{}", record.args())
            } else {
                writeln!(buf, "dvhc: {} {}", record.level(), record.args())
            }
        });
    // A logger installed already (a test harness) is fine.
    let _ = b.try_init();
}
