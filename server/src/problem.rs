//! Every error the server sends, and its two wire formats.
//!
//! * **Problem** (RFC 9457, `application/problem+json`): API v2 and dvhc's own
//!   endpoints. `type` is a bare slug as the provinces web API sends it
//!   (`province-not-exist`, `http-not-found`); a validation error carries `errors`
//!   (one object per bad parameter) instead of `detail`. COMPAT.md §2.5.
//! * **Detail** (`application/json`, `{"detail": …}`): API v1, whose clients parse
//!   `detail` (a string, or the list of validation errors). Kept for compatibility by
//!   the lead's decision; see server/README.md.

use http::StatusCode;
use serde::Serialize;
use serde_json::Value;

/// Which format an error is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// `application/problem+json`.
    Problem,
    /// API v1's `{"detail": …}`.
    V1,
}

/// One invalid parameter: the fields of the provinces web API's validation errors.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FieldError {
    /// A stable id: `int_parsing`, `missing`, `greater_than_equal`, `less_than_equal`,
    /// `too_long`, `json_invalid`, `array_too_long`, ….
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    /// Where: `["query", "depth"]`, `["path", "code"]`, `["body", 3]`.
    pub(crate) loc: Vec<Value>,
    /// A sentence for people.
    pub(crate) msg: String,
    /// The value received (`null` when missing).
    pub(crate) input: Value,
    /// The rule's parameters (`{"le": 2}`), when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) ctx: Option<Box<Value>>,
}

impl FieldError {
    /// A parameter that is not an integer.
    pub(crate) fn not_integer(place: &'static str, name: &str, input: &str) -> FieldError {
        FieldError {
            kind: "int_parsing",
            loc: vec![place.into(), name.into()],
            msg: "Input should be an integer".to_owned(),
            input: input.into(),
            ctx: None,
        }
    }

    /// A required parameter that is missing.
    pub(crate) fn missing(place: &'static str, name: &str) -> FieldError {
        FieldError {
            kind: "missing",
            loc: vec![place.into(), name.into()],
            msg: "Field required".to_owned(),
            input: Value::Null,
            ctx: None,
        }
    }

    /// An integer below `min`.
    pub(crate) fn below(place: &'static str, name: &str, input: &str, min: i64) -> FieldError {
        FieldError {
            kind: "greater_than_equal",
            loc: vec![place.into(), name.into()],
            msg: format!("Input should be at least {min}"),
            input: input.into(),
            ctx: Some(Box::new(serde_json::json!({ "ge": min }))),
        }
    }

    /// A value outside a fixed set of choices.
    pub(crate) fn not_one_of(
        place: &'static str,
        name: &str,
        input: &str,
        choices: &[&str],
    ) -> FieldError {
        let end = input.char_indices().nth(64).map_or(input.len(), |(i, _)| i);
        FieldError {
            kind: "enum",
            loc: vec![place.into(), name.into()],
            msg: format!("Input should be one of {}", choices.join(", ")),
            input: input[..end].into(),
            ctx: Some(Box::new(serde_json::json!({ "expected": choices }))),
        }
    }

    /// An integer above `max`.
    pub(crate) fn above(place: &'static str, name: &str, input: &str, max: i64) -> FieldError {
        FieldError {
            kind: "less_than_equal",
            loc: vec![place.into(), name.into()],
            msg: format!("Input should be at most {max}"),
            input: input.into(),
            ctx: Some(Box::new(serde_json::json!({ "le": max }))),
        }
    }

    /// A text longer than `max` characters (the echoed input is cut to the limit).
    pub(crate) fn too_long(place: &'static str, name: &str, input: &str, max: usize) -> FieldError {
        let end = input
            .char_indices()
            .nth(max)
            .map_or(input.len(), |(i, _)| i);
        FieldError {
            kind: "string_too_long",
            loc: vec![place.into(), name.into()],
            msg: format!("Input should have at most {max} characters"),
            input: input[..end].into(),
            ctx: Some(Box::new(serde_json::json!({ "max_length": max }))),
        }
    }
}

/// An error response.
#[derive(Debug, Clone)]
pub(crate) enum ApiError {
    /// No route has this path.
    NotFound,
    /// A well-formed province code that names no province (v1/v2 wording differs).
    ProvinceNotFound(String),
    /// A well-formed district code that names no district (v1 only).
    DistrictNotFound(String),
    /// A well-formed commune code that names no commune.
    WardNotFound(String),
    /// A unit of a dvhc endpoint (by code or by point) that does not exist: the
    /// detail's end ("has code 12", "contains (10.7, 106.7)").
    UnitNotFound(String),
    /// Invalid parameters.
    Validation(Vec<FieldError>),
    /// A v1 search query that uses syntax dvhc does not support.
    UnrecognizedSearchQuery,
    /// The method is not served on this path; the value is the `Allow` header.
    MethodNotAllowed(&'static str),
    /// The body is over the limit (bytes).
    PayloadTooLarge(usize),
    /// The request target is over the limit (bytes).
    UriTooLong(usize),
    /// The query string is not UTF-8 once percent-decoded.
    InvalidEncoding(String),
    /// A body that is not the JSON expected.
    BadBody(String),
    /// The body's media type is not `application/json`.
    UnsupportedMediaType,
    /// The request body did not arrive within this time (the client is slow).
    BodyTimeout(std::time::Duration),
    /// The work on a request took longer than the server's per-request time limit.
    Timeout,
    /// A bug: the handler panicked. The server goes on serving.
    Internal,
}

/// The status, content type and body of an error.
pub(crate) struct Rendered {
    pub(crate) status: StatusCode,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [FieldError]>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Detail<'a> {
    Text(&'a str),
    Errors(&'a [FieldError]),
}

#[derive(Serialize)]
struct V1Body<'a> {
    detail: Detail<'a>,
}

impl ApiError {
    /// The HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            ApiError::NotFound
            | ApiError::ProvinceNotFound(_)
            | ApiError::DistrictNotFound(_)
            | ApiError::WardNotFound(_)
            | ApiError::UnitNotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Validation(_) | ApiError::UnrecognizedSearchQuery => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::UriTooLong(_) => StatusCode::URI_TOO_LONG,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::BadBody(_) => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::InvalidEncoding(_) => StatusCode::BAD_REQUEST,
            ApiError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::Timeout => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem `type` slug and `title`.
    fn kind_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::NotFound => ("http-not-found", "Not Found"),
            ApiError::ProvinceNotFound(_) => ("province-not-exist", "Province not exist"),
            ApiError::DistrictNotFound(_) => ("district-not-exist", "District not exist"),
            ApiError::WardNotFound(_) => ("ward-not-exist", "Ward not exist"),
            ApiError::UnitNotFound(_) => ("unit-not-exist", "Unit not exist"),
            ApiError::PayloadTooLarge(_) => ("http-payload-too-large", "Payload Too Large"),
            ApiError::BadBody(_) => ("invalid-body", "Invalid request body"),
            ApiError::UnsupportedMediaType => {
                ("http-unsupported-media-type", "Unsupported Media Type")
            }
            ApiError::Validation(_) => ("request-validation-failed", "Request validation error."),
            ApiError::UnrecognizedSearchQuery => {
                ("unrecognized-search-query", "Unrecognized search query")
            }
            ApiError::MethodNotAllowed(_) => ("http-method-not-allowed", "Method Not Allowed"),
            ApiError::UriTooLong(_) => ("http-uri-too-long", "URI Too Long"),
            ApiError::InvalidEncoding(_) => ("invalid-encoding", "Invalid URL encoding"),
            ApiError::BodyTimeout(_) => ("http-request-timeout", "Request Timeout"),
            ApiError::Timeout => ("timeout", "Request took too long"),
            ApiError::Internal => ("http-internal-server-error", "Internal Server Error"),
        }
    }

    /// The `detail` sentence of a problem body.
    fn problem_detail(&self) -> String {
        match self {
            ApiError::ProvinceNotFound(code) => format!("No province has code {code}"),
            ApiError::DistrictNotFound(code) => format!("No district has code {code}"),
            ApiError::WardNotFound(code) => format!("No ward has code {code}"),
            ApiError::UnitNotFound(what) => format!("No unit {what}"),
            ApiError::PayloadTooLarge(limit) => {
                format!("The request body is over the limit of {limit} bytes")
            }
            ApiError::BadBody(msg) => msg.clone(),
            ApiError::UnsupportedMediaType => {
                "The request body must be JSON (Content-Type: application/json)".to_owned()
            }
            ApiError::UriTooLong(limit) => {
                format!("The request target is over the limit of {limit} bytes")
            }
            ApiError::InvalidEncoding(name) => {
                format!("The query parameter {name:?} is not valid UTF-8 once percent-decoded")
            }
            ApiError::BodyTimeout(limit) => {
                format!("The request body did not arrive within the limit of {limit:?}")
            }
            ApiError::Timeout => "The request took longer than the server allows".to_owned(),
            ApiError::UnrecognizedSearchQuery => {
                "The search query uses syntax that is not supported".to_owned()
            }
            other => other.kind_and_title().1.to_owned(),
        }
    }

    /// The `detail` string of a v1 body (upstream's slugs where upstream has one).
    fn v1_detail(&self) -> String {
        match self {
            ApiError::ProvinceNotFound(_) => "invalid-province-code".to_owned(),
            ApiError::DistrictNotFound(_) => "invalid-district-code".to_owned(),
            ApiError::WardNotFound(_) => "invalid-ward-code".to_owned(),
            ApiError::UnrecognizedSearchQuery => "unrecognized-search-query".to_owned(),
            ApiError::NotFound | ApiError::MethodNotAllowed(_) | ApiError::Internal => {
                self.kind_and_title().1.to_owned()
            }
            other => other.problem_detail(),
        }
    }

    /// The body in `flavor`.
    pub(crate) fn render(&self, flavor: Flavor) -> Rendered {
        let status = self.status();
        let body = match (flavor, self) {
            (Flavor::V1, ApiError::Validation(errors)) => serde_json::to_vec(&V1Body {
                detail: Detail::Errors(errors),
            }),
            (Flavor::V1, _) => serde_json::to_vec(&V1Body {
                detail: Detail::Text(&self.v1_detail()),
            }),
            (Flavor::Problem, _) => {
                let (kind, title) = self.kind_and_title();
                let (detail, errors) = match self {
                    ApiError::Validation(errors) => (None, Some(errors.as_slice())),
                    _ => (Some(self.problem_detail()), None),
                };
                serde_json::to_vec(&Problem {
                    kind,
                    title,
                    status: status.as_u16(),
                    detail: detail.as_deref(),
                    errors,
                })
            }
        }
        // Serialising these plain structs cannot fail; an empty body would still be
        // a valid error response.
        .unwrap_or_default();
        Rendered {
            status,
            content_type: match flavor {
                Flavor::Problem => "application/problem+json",
                Flavor::V1 => "application/json",
            },
            body,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(e: &ApiError, f: Flavor) -> String {
        String::from_utf8(e.render(f).body).unwrap()
    }

    #[test]
    fn problem_bodies() {
        assert_eq!(
            text(&ApiError::ProvinceNotFound("99".into()), Flavor::Problem),
            r#"{"type":"province-not-exist","title":"Province not exist","status":404,"detail":"No province has code 99"}"#
        );
        assert_eq!(
            text(&ApiError::NotFound, Flavor::Problem),
            r#"{"type":"http-not-found","title":"Not Found","status":404,"detail":"Not Found"}"#
        );
        let e = ApiError::Validation(vec![FieldError::above("query", "depth", "3", 2)]);
        assert_eq!(
            text(&e, Flavor::Problem),
            r#"{"type":"request-validation-failed","title":"Request validation error.","status":422,"errors":[{"type":"less_than_equal","loc":["query","depth"],"msg":"Input should be at most 2","input":"3","ctx":{"le":2}}]}"#
        );
        assert_eq!(
            e.render(Flavor::Problem).content_type,
            "application/problem+json"
        );
        let e = ApiError::BodyTimeout(std::time::Duration::from_millis(1500));
        assert_eq!(e.status(), StatusCode::REQUEST_TIMEOUT);
        assert_eq!(
            text(&e, Flavor::Problem),
            r#"{"type":"http-request-timeout","title":"Request Timeout","status":408,"detail":"The request body did not arrive within the limit of 1.5s"}"#
        );
    }

    #[test]
    fn v1_bodies() {
        assert_eq!(
            text(&ApiError::WardNotFound("1".into()), Flavor::V1),
            r#"{"detail":"invalid-ward-code"}"#
        );
        assert_eq!(
            text(&ApiError::MethodNotAllowed("GET, HEAD"), Flavor::V1),
            r#"{"detail":"Method Not Allowed"}"#
        );
        let e = ApiError::Validation(vec![FieldError::missing("query", "q")]);
        assert_eq!(
            text(&e, Flavor::V1),
            r#"{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}"#
        );
        assert_eq!(e.render(Flavor::V1).content_type, "application/json");
    }
}
