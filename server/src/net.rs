//! The network side: accepting connections within limits, HTTP/1.1 on each, the
//! middleware stack (access log, CORS, panic guard) and graceful shutdown.

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use crate::access_log::{self, Entry};
use crate::app::App;
use crate::problem::{ApiError, Flavor};
use crate::{Config, CorsOrigins};

/// The largest request head (request line and headers) a connection buffers, bytes.
/// Longer heads get a 431 from hyper and the connection is closed.
const MAX_HEAD: usize = 64 * 1024;

/// Serves `listener` until `shutdown` completes, then lets in-flight requests finish
/// (for at most `config.shutdown_timeout`).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Arc<App>,
    config: &Config,
    shutdown: impl Future<Output = ()>,
) {
    let cors = cors_layer(&config.cors);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .max_buf_size(MAX_HEAD)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        // Wait for a free connection slot first, so that a flood of connections waits
        // in the kernel's backlog instead of in memory.
        let slot = tokio::select! {
            s = Arc::clone(&slots).acquire_owned() => match s {
                Ok(s) => s,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: back off briefly.
                    log::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // A client that stops reading its response is dropped once a write has made
        // no progress for the request timeout.
        let mut stream = tokio_io_timeout::TimeoutStream::new(stream);
        stream.set_write_timeout(Some(config.timeout));
        let app = Arc::clone(&app);
        let inner = tower::service_fn(move |req: Request<Incoming>| {
            let app = Arc::clone(&app);
            async move { Ok::<_, Infallible>(app.respond(req).await) }
        });
        let stack = ServiceBuilder::new()
            .option_layer(cors.clone())
            .layer(CatchPanicLayer::custom(panic_response))
            .service(inner);
        let logged = tower::service_fn(move |req: Request<Incoming>| {
            let mut svc = stack.clone();
            async move {
                let (method, uri, version) =
                    (req.method().clone(), req.uri().clone(), req.version());
                let referer = req.headers().get(header::REFERER).cloned();
                let user_agent = req.headers().get(header::USER_AGENT).cloned();
                let response = tower::Service::call(&mut svc, req).await?;
                access_log::log(&Entry {
                    peer: Some(peer),
                    method: method.as_str(),
                    target: uri.path_and_query().map_or("/", |pq| pq.as_str()),
                    version,
                    status: response.status().as_u16(),
                    bytes: body_len(&response),
                    referer: referer.as_ref().map(|v| v.as_bytes()),
                    user_agent: user_agent.as_ref().map(|v| v.as_bytes()),
                });
                Ok::<_, Infallible>(response)
            }
        });
        let conn = http.serve_connection(
            TokioIo::new(Box::pin(stream)),
            TowerToHyperService::new(logged),
        );
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                log::debug!("connection from {peer}: {e}");
            }
            drop(slot);
        });
    }
    drop(listener);
    log::info!("shutting down: finishing in-flight requests");
    tokio::select! {
        () = graceful.shutdown() => log::info!("all connections closed"),
        () = tokio::time::sleep(config.shutdown_timeout) => {
            log::warn!("shutdown timeout: closing the remaining connections");
        }
    }
}

/// The size of a response body as sent (the `Content-Length` of a HEAD response).
fn body_len<B: hyper::body::Body>(r: &Response<B>) -> Option<u64> {
    r.body().size_hint().exact().filter(|&n| n > 0).or_else(|| {
        r.headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse().ok())
    })
}

/// The CORS layer for a configuration, `None` when CORS is off.
fn cors_layer(origins: &CorsOrigins) -> Option<CorsLayer> {
    let allow = match origins {
        CorsOrigins::Off => return None,
        CorsOrigins::Any => AllowOrigin::from(Any),
        CorsOrigins::List(list) => AllowOrigin::list(
            list.iter()
                .filter_map(|o| http::HeaderValue::from_str(o).ok())
                .collect::<Vec<_>>(),
        ),
    };
    Some(
        CorsLayer::new()
            .allow_origin(allow)
            .allow_methods([
                http::Method::GET,
                http::Method::HEAD,
                http::Method::POST,
                http::Method::OPTIONS,
            ])
            .allow_headers(Any)
            .expose_headers([header::ETAG])
            .max_age(Duration::from_secs(86_400)),
    )
}

/// The 500 sent when a panic escaped the handlers' own guard (a bug in the glue).
fn panic_response(
    _: Box<dyn std::any::Any + Send + 'static>,
) -> Response<http_body_util::Full<Bytes>> {
    log::error!("request panicked outside its handler");
    let rendered = ApiError::Internal.render(Flavor::Problem);
    let mut r = Response::new(http_body_util::Full::new(Bytes::from(rendered.body)));
    *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        http::HeaderValue::from_static(rendered.content_type),
    );
    r
}
