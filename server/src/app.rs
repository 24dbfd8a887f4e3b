//! One request to one response: limits, routing, methods, redirects, errors, caching
//! headers, compression and HEAD. Independent of the network (see `net`).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{self, HeaderValue};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use serde::Serialize;

use crate::encoding::{compress, Cache, Coding, Effort, Static, MIN_COMPRESS};
use crate::own;
use crate::params::Query;
use crate::problem::{ApiError, Flavor};
use crate::router::{self, Methods, Route};

/// The limits and header policies of the application (the network ones are in
/// `Config`).
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    /// Longest request target (path and query), bytes.
    pub(crate) max_uri: usize,
    /// Longest request body, bytes.
    pub(crate) max_body: usize,
    /// Time allowed for a request body to arrive, from the end of the head (408
    /// after).
    pub(crate) body_timeout: Duration,
    /// Time allowed for the work on a batch once its body is read (503 after).
    pub(crate) timeout: Duration,
    /// `Cache-Control` of successful data responses.
    pub(crate) cache_control: HeaderValue,
}

/// The application: its policy and the bodies made so far.
#[derive(Debug)]
pub(crate) struct App {
    pub(crate) policy: Policy,
    pub(crate) cache: Cache,
}

/// What a handler sees of the request.
pub(crate) struct Ctx<'a> {
    /// The raw (percent-encoded) path.
    pub(crate) path: &'a str,
    /// The raw query string.
    pub(crate) raw_query: Option<&'a str>,
    /// The decoded query parameters.
    pub(crate) query: &'a Query,
    /// Bodies that only change with a release.
    pub(crate) cache: &'a Cache,
}

/// A successful answer.
#[derive(Debug)]
pub(crate) enum Reply {
    /// A JSON body made for this request.
    Json(Vec<u8>),
    /// A JSON body that only changes with a release (ETag, kept compressed).
    Static(Arc<Static>),
    /// A 307 to this path and query.
    Redirect(String),
    /// The answer to an OPTIONS request that is not a CORS preflight: 204 with `Allow`.
    Options(&'static str),
}

/// What a handler returns.
pub(crate) type Outcome = Result<Reply, ApiError>;

/// Compact JSON (UTF-8, no escapes of non-ASCII letters), as the provinces web API
/// writes it.
pub(crate) fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // The server's shapes have string keys and no maps with other keys, so this
    // cannot fail; an empty body would be reported by the tests.
    serde_json::to_vec(value).unwrap_or_default()
}

/// The server's response body type.
pub(crate) type Body = Full<Bytes>;

impl App {
    /// Answers one request.
    pub(crate) async fn respond(&self, req: Request<Incoming>) -> Response<Body> {
        let (parts, body) = req.into_parts();
        let path = parts.uri.path();
        let flavor = if path == "/api/v1" || path.starts_with("/api/v1/") {
            Flavor::V1
        } else {
            Flavor::Problem
        };
        let outcome = self.dispatch(&parts, body).await;
        let coding = Coding::negotiate(
            parts
                .headers
                .get(header::ACCEPT_ENCODING)
                .map(HeaderValue::as_bytes),
        );
        // For HEAD, hyper sends the headers (Content-Length included) and no body.
        self.finish(outcome, flavor, &parts.headers, coding)
    }

    async fn dispatch(&self, parts: &http::request::Parts, body: Incoming) -> Outcome {
        let target_len = parts.uri.path_and_query().map_or(0, |pq| pq.as_str().len());
        if target_len > self.policy.max_uri {
            return Err(ApiError::UriTooLong(self.policy.max_uri));
        }
        let path = parts.uri.path();
        let raw_query = parts.uri.query();
        let m = router::route(path).ok_or(ApiError::NotFound)?;
        let methods = m.route.methods();
        match parts.method {
            Method::GET | Method::HEAD => {}
            Method::POST if methods == Methods::GetPost => {}
            Method::OPTIONS => return Ok(Reply::Options(methods.allow())),
            _ => return Err(ApiError::MethodNotAllowed(methods.allow())),
        }
        if let Some(to) = router::canonical(path, m.slash) {
            return Ok(Reply::Redirect(match raw_query {
                Some(q) => format!("{to}?{q}"),
                None => to,
            }));
        }
        let query = Query::parse(raw_query).map_err(|e| ApiError::InvalidEncoding(e.name))?;
        if let (Route::Own(r), &Method::POST) = (m.route, &parts.method) {
            return self.batch(r, query, &parts.headers, body).await;
        }
        let ctx = Ctx {
            path,
            raw_query,
            query: &query,
            cache: &self.cache,
        };
        guarded(|| match m.route {
            Route::Health => Ok(Reply::Json(br#"{"status":"ok"}"#.to_vec())),
            Route::Version => Ok(Reply::Json(json(&crate::VersionInfo::current()))),
            Route::OpenApi => {
                Ok(Reply::Static(ctx.cache.get(("openapi", 0, 0), || {
                    crate::OPENAPI.as_bytes().to_vec()
                })))
            }
            Route::ApiRoot => Ok(Reply::Redirect("/api/v1/".to_owned())),
            Route::V1(r) => r.get(&ctx),
            Route::V2(r) => r.get(&ctx),
            Route::Own(r) => r.get(ctx.query).map(Reply::Json),
        })
    }

    /// A POST to one of dvhc's endpoints: the body read (within the size limit and
    /// `body_timeout`: a slow client gets 408), then the batch worked on a blocking
    /// thread, off the connections' threads (within `timeout`: past it, 503).
    ///
    /// The other requests are answered on the connection's thread without awaiting
    /// anything, in a time bounded by their input limits, so they need no deadline.
    async fn batch(
        &self,
        route: own::Route,
        query: Query,
        headers: &http::HeaderMap,
        body: Incoming,
    ) -> Outcome {
        let json_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        if !json_type {
            return Err(ApiError::UnsupportedMediaType);
        }
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|n| n > self.policy.max_body as u64) {
            return Err(ApiError::PayloadTooLarge(self.policy.max_body));
        }
        let read = Limited::new(body, self.policy.max_body).collect();
        let bytes = match tokio::time::timeout(self.policy.body_timeout, read).await {
            Ok(Ok(c)) => c.to_bytes(),
            Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
                return Err(ApiError::PayloadTooLarge(self.policy.max_body))
            }
            Ok(Err(e)) => {
                return Err(ApiError::BadBody(format!(
                    "the body could not be read: {e}"
                )))
            }
            Err(_) => return Err(ApiError::BodyTimeout(self.policy.body_timeout)),
        };
        let work = tokio::task::spawn_blocking(move || {
            guarded(|| route.post(&query, &bytes).map(Reply::Json))
        });
        // Past the deadline the batch still runs to its end on its blocking thread
        // (bounded by the batch limit); only the answer is given up.
        match tokio::time::timeout(self.policy.timeout, work).await {
            Ok(Ok(outcome)) => outcome,
            Ok(Err(_)) => Err(ApiError::Internal),
            Err(_) => Err(ApiError::Timeout),
        }
    }

    /// The response for an outcome: status, headers, body in the negotiated coding.
    fn finish(
        &self,
        outcome: Outcome,
        flavor: Flavor,
        headers: &http::HeaderMap,
        coding: Coding,
    ) -> Response<Body> {
        let mut status = StatusCode::OK;
        let mut h = http::HeaderMap::new();
        let mut out = Bytes::new();
        match outcome {
            Ok(Reply::Json(body)) => {
                h.insert(header::CONTENT_TYPE, JSON);
                h.insert(header::CACHE_CONTROL, self.policy.cache_control.clone());
                let body = if body.len() >= MIN_COMPRESS {
                    h.insert(header::VARY, ACCEPT_ENCODING);
                    match coding.header() {
                        Some(c) => {
                            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
                            compress(&body, coding, Effort::Fast)
                        }
                        None => body,
                    }
                } else {
                    body
                };
                out = Bytes::from(body);
            }
            Ok(Reply::Static(s)) => {
                let (body, used) = s.body(coding);
                h.insert(header::CACHE_CONTROL, self.policy.cache_control.clone());
                if let Ok(tag) = HeaderValue::from_str(&s.etag(used)) {
                    h.insert(header::ETAG, tag);
                }
                if body.len() >= MIN_COMPRESS || used != Coding::Identity {
                    h.insert(header::VARY, ACCEPT_ENCODING);
                }
                let fresh = headers
                    .get(header::IF_NONE_MATCH)
                    .is_some_and(|v| s.matches(v.as_bytes()));
                if fresh {
                    status = StatusCode::NOT_MODIFIED;
                } else {
                    h.insert(header::CONTENT_TYPE, JSON);
                    if let Some(c) = used.header() {
                        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
                    }
                    out = body;
                }
            }
            Ok(Reply::Redirect(location)) => {
                status = StatusCode::TEMPORARY_REDIRECT;
                // A target that is not a valid header value cannot reach here: it
                // came from a parsed URI. Fall back to a 404 rather than panic.
                match HeaderValue::from_str(&location) {
                    Ok(v) => {
                        h.insert(header::LOCATION, v);
                    }
                    Err(_) => return self.finish(Err(ApiError::NotFound), flavor, headers, coding),
                }
            }
            Ok(Reply::Options(allow)) => {
                status = StatusCode::NO_CONTENT;
                h.insert(header::ALLOW, HeaderValue::from_static(allow));
            }
            Err(e) => {
                let rendered = e.render(flavor);
                status = rendered.status;
                h.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(rendered.content_type),
                );
                h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                match e {
                    ApiError::MethodNotAllowed(allow) => {
                        h.insert(header::ALLOW, HeaderValue::from_static(allow));
                    }
                    // The rest of the body is not read: the connection cannot carry
                    // another request (RFC 9110 §15.5.9).
                    ApiError::BodyTimeout(_) => {
                        h.insert(header::CONNECTION, HeaderValue::from_static("close"));
                    }
                    _ => {}
                }
                out = Bytes::from(rendered.body);
            }
        }
        let mut r = Response::new(Full::new(out));
        *r.status_mut() = status;
        *r.headers_mut() = h;
        r
    }
}

const JSON: HeaderValue = HeaderValue::from_static("application/json");
const ACCEPT_ENCODING: HeaderValue = HeaderValue::from_static("accept-encoding");

/// Runs a handler; a panic becomes a 500 in the API's format (the server goes on).
fn guarded(f: impl FnOnce() -> Outcome) -> Outcome {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(outcome) => outcome,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("(no message)");
            log::error!("handler panicked: {msg}");
            Err(ApiError::Internal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_handler_becomes_a_500_problem() {
        let outcome = guarded(|| panic!("boom"));
        let Err(e) = outcome else {
            panic!("expected an error")
        };
        let r = e.render(Flavor::Problem);
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            String::from_utf8(r.body).unwrap(),
            r#"{"type":"http-internal-server-error","title":"Internal Server Error","status":500,"detail":"Internal Server Error"}"#
        );
        let r = e.render(Flavor::V1);
        assert_eq!(
            String::from_utf8(r.body).unwrap(),
            r#"{"detail":"Internal Server Error"}"#
        );
        assert!(matches!(
            guarded(|| Ok(Reply::Options("GET"))),
            Ok(Reply::Options(_))
        ));
    }
}
