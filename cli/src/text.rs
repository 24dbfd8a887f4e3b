//! `--format text`: the same results, laid out for people. Each layout reads the
//! JSON the library serialises (documented on its types), so the text shows exactly
//! what the JSON says.

use std::borrow::Cow;
use std::fmt::Write as _;

use serde_json::Value;

/// Whether `c` would act on a terminal rather than show: control characters (C0, DEL,
/// C1: escape sequences, carriage returns, backspaces) and the bidirectional
/// formatting characters that can reorder what is shown.
fn acts(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from the input, made safe to print on a terminal: characters that would act
/// are written as `\u{…}` escapes.
pub fn esc(s: &str) -> Cow<'_, str> {
    if !s.chars().any(acts) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if acts(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A string member, or `""`.
fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// A unit reference `{"code", "name"}` as `Name (code)`; `None` for `null`.
fn with_code(r: &Value) -> Option<String> {
    (!r.is_null()).then(|| format!("{} ({})", s(&r["name"]), s(&r["code"])))
}

/// Writes the `✗` line of an error and returns `true`, or returns `false`.
fn error(v: &Value, out: &mut String) -> bool {
    let e = &v["error"];
    if e.is_null() {
        return false;
    }
    let _ = writeln!(out, "  ✗ {} ({})", esc(s(&e["message"])), s(&e["kind"]));
    true
}

/// `translate`: the input, then `→` the new address, `?` the candidates or `✗` the
/// error. `historical`: the commune was written under a name it had absorbed.
pub fn translation(t: &Value, historical: bool, out: &mut String) {
    let _ = writeln!(out, "{}", esc(s(&t["input"])));
    if error(t, out) {
        return;
    }
    let l = &t["legacy"];
    if !l.is_null() {
        let parts: Vec<String> = [&l["commune"], &l["district"], &l["province"]]
            .into_iter()
            .filter_map(with_code)
            .collect();
        let _ = writeln!(out, "  old: {}", parts.join(", "));
        if historical && !l["commune"].is_null() {
            let _ = writeln!(
                out,
                "  note: the commune written had been merged into {} before 2025",
                s(&l["commune"]["name"])
            );
        }
    }
    match t["formatted"].as_str() {
        Some(f) if t["structure"] == "current" => {
            let _ = writeln!(out, "  = {} (already in the current structure)", esc(f));
        }
        Some(f) => {
            let _ = writeln!(out, "  → {}", esc(f));
        }
        None => {
            let candidates = t["candidates"].as_array().map_or(&[][..], Vec::as_slice);
            let _ = writeln!(out, "  ? {} candidates:", candidates.len());
            for c in candidates {
                let commune = &c["commune"];
                let unit = if commune.is_null() {
                    &c["province"]
                } else {
                    commune
                };
                let mut line = format!("    - {}", with_code(unit).unwrap_or_default());
                if !commune.is_null() {
                    let _ = write!(line, ", {}", s(&c["province"]["name"]));
                }
                let _ = write!(line, " [{}]", s(&c["share"]));
                if let Some(d) = c["distance_km"].as_f64() {
                    let _ = write!(line, " {d:.1} km");
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
}

/// The units of a reading: commune, district, province.
fn units(u: &Value) -> String {
    [&u["commune"], &u["district"], &u["province"]]
        .into_iter()
        .filter_map(with_code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `parse`: the input, then the reading(s).
pub fn parsed(p: &Value, out: &mut String) {
    let _ = writeln!(out, "{}", esc(s(&p["input"])));
    if error(p, out) {
        return;
    }
    let structure = p["structure"].as_str().unwrap_or("?");
    let _ = writeln!(out, "  {structure}: {}", units(&p["units"]));
    if !s(&p["rest"]).is_empty() {
        let _ = writeln!(out, "  rest: {}", esc(s(&p["rest"])));
    }
    let alternatives = p["alternatives"].as_array().map_or(&[][..], Vec::as_slice);
    if !alternatives.is_empty() {
        let _ = writeln!(out, "  ambiguous; also:");
        for a in alternatives {
            let _ = writeln!(out, "    {}: {}", s(&a["structure"]), units(&a["units"]));
        }
    }
}

/// `search`: one line per hit.
pub fn hit(h: &Value, out: &mut String) {
    let code = s(&h["code"]);
    let mut place = Vec::new();
    let d = &h["district"];
    if !d.is_null() && s(&d["code"]) != code {
        place.push(s(&d["name"]));
    }
    if s(&h["province"]["code"]) != code || h["level"] != "province" {
        place.push(s(&h["province"]["name"]));
    }
    let _ = write!(
        out,
        "{:<5}  {:<7} {:<8} {}",
        code,
        s(&h["era"]),
        s(&h["level"]),
        s(&h["name"])
    );
    if !place.is_empty() {
        let _ = write!(out, ", {}", place.join(", "));
    }
    let _ = writeln!(out, "  ({})", h["score"]);
}

/// The members of an array member, or none.
fn items<'v>(v: &'v Value, key: &str) -> &'v [Value] {
    v[key].as_array().map_or(&[][..], Vec::as_slice)
}

/// `get`: a short description.
pub fn unit(u: &Value, out: &mut String) {
    let _ = writeln!(
        out,
        "{} ({}, {} {}, {})",
        s(&u["name"]),
        s(&u["code"]),
        s(&u["era"]),
        s(&u["level"]),
        s(&u["kind"])
    );
    if let Some(d) = with_code(&u["district"]) {
        let _ = writeln!(out, "  district: {d}");
    }
    if let Some(p) = with_code(&u["province"]) {
        let _ = writeln!(out, "  province: {p}");
    }
    let _ = writeln!(
        out,
        "  english: {} ({})",
        s(&u["full_name_en"]),
        s(&u["codename"])
    );
    if let Some(r) = u["resolution"].as_str() {
        let _ = writeln!(out, "  resolution: {r}");
    }
    if let Some(c) = u["postal_code"].as_str() {
        let _ = writeln!(out, "  postal code: {c}");
    }
    let prefixes: Vec<&str> = items(u, "postal_code_prefixes").iter().map(s).collect();
    if !prefixes.is_empty() {
        let _ = writeln!(out, "  postal code prefixes: {}", prefixes.join(", "));
    }
    if let Some(c) = u["phone_code"].as_u64() {
        let _ = writeln!(out, "  telephone area code: {c}");
    }
    let g = &u["geo"];
    if let (Some(lat), Some(lon)) = (g["lat"].as_f64(), g["lon"].as_f64()) {
        let _ = writeln!(out, "  centre: {lat:.5}, {lon:.5}");
    }
    if let Some(a) = g["area_km2"].as_f64() {
        let _ = writeln!(out, "  area: {a:.2} km²");
    }
    if let Some(p) = g["population"].as_u64() {
        let _ = writeln!(out, "  population: {p}");
    }
    for c in items(u, "changes") {
        let _ = writeln!(
            out,
            "  {}: {} → {} ({})",
            s(&c["date"]),
            s(&c["kind_before"]),
            s(&c["kind_after"]),
            s(&c["legal_basis"])
        );
    }
    let successors = items(u, "successors");
    if !successors.is_empty() {
        let _ = writeln!(out, "  became:");
        for n in successors {
            let _ = writeln!(
                out,
                "    - {} ({}) [{}]",
                s(&n["name"]),
                s(&n["code"]),
                s(&n["share"])
            );
        }
    }
    let predecessors = items(u, "predecessors");
    if !predecessors.is_empty() {
        let _ = writeln!(out, "  formed from:");
        for p in predecessors {
            let mut line = format!("    - {} ({})", s(&p["name"]), s(&p["code"]));
            if !p["district"].is_null() {
                let _ = write!(line, ", {}", s(&p["district"]["name"]));
            }
            let _ = writeln!(out, "{line} [{}]", s(&p["share"]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_what_acts_on_a_terminal() {
        assert_eq!(esc("Phường Bến Nghé"), "Phường Bến Nghé");
        assert_eq!(
            esc("a\x1b[2Jb\r\u{202E}c\u{9b}"),
            "a\\u{1b}[2Jb\\u{d}\\u{202e}c\\u{9b}"
        );
    }
}
