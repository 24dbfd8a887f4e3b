//! `--format text`: the same results, laid out for people.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::model::{HitOut, ParseOut, Ref, TranslateOut, UnitOut, UnitsOut};

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

fn with_code(r: &Ref) -> String {
    format!("{} ({})", r.name, r.code)
}

/// `translate`: the input, then `→` the new address, `?` the candidates or `✗` the error.
pub fn translation(t: &TranslateOut<'_>, out: &mut String) {
    let _ = writeln!(out, "{}", esc(t.input));
    if let Some(e) = &t.error {
        let _ = writeln!(out, "  ✗ {} ({})", esc(&e.message), e.kind);
        return;
    }
    if let Some(l) = &t.legacy {
        let parts: Vec<String> = [&l.commune, &l.district, &Some(l.province.clone())]
            .into_iter()
            .flatten()
            .map(with_code)
            .collect();
        let _ = writeln!(out, "  old: {}", parts.join(", "));
        if let (true, Some(c)) = (t.via_historical, &l.commune) {
            let _ = writeln!(
                out,
                "  note: the commune written had been merged into {} before 2025",
                c.name
            );
        }
    }
    match &t.formatted {
        Some(f) if t.structure == Some("current") => {
            let _ = writeln!(out, "  = {} (already in the current structure)", esc(f));
        }
        Some(f) => {
            let _ = writeln!(out, "  → {}", esc(f));
        }
        None => {
            let _ = writeln!(out, "  ? {} candidates:", t.candidates.len());
            for c in &t.candidates {
                let unit = c.commune.as_ref().unwrap_or(&c.province);
                let mut line = format!("    - {}", with_code(unit));
                if c.commune.is_some() {
                    let _ = write!(line, ", {}", c.province.name);
                }
                let _ = write!(line, " [{}]", c.share);
                if let Some(d) = c.distance_km {
                    let _ = write!(line, " {d:.1} km");
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
}

fn units(u: &UnitsOut) -> String {
    [&u.commune, &u.district, &u.province]
        .into_iter()
        .flatten()
        .map(with_code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `parse`: the input, then the reading(s).
pub fn parsed(p: &ParseOut<'_>, out: &mut String) {
    let _ = writeln!(out, "{}", esc(p.input));
    if let Some(e) = &p.error {
        let _ = writeln!(out, "  ✗ {} ({})", esc(&e.message), e.kind);
        return;
    }
    let _ = writeln!(out, "  {}: {}", p.structure.unwrap_or("?"), units(&p.units));
    if !p.rest.is_empty() {
        let _ = writeln!(out, "  rest: {}", esc(p.rest));
    }
    if !p.alternatives.is_empty() {
        let _ = writeln!(out, "  ambiguous; also:");
        for a in &p.alternatives {
            let _ = writeln!(out, "    {}: {}", a.structure, units(&a.units));
        }
    }
}

/// `search`: one line per hit.
pub fn hit(h: &HitOut, out: &mut String) {
    let mut place = Vec::new();
    if let Some(d) = &h.district {
        if d.code != h.code {
            place.push(d.name.as_str());
        }
    }
    if h.province.code != h.code || h.level != "province" {
        place.push(h.province.name.as_str());
    }
    let _ = write!(out, "{:<5}  {:<7} {:<8} {}", h.code, h.era, h.level, h.name);
    if !place.is_empty() {
        let _ = write!(out, ", {}", place.join(", "));
    }
    let _ = writeln!(out, "  ({})", h.score);
}

/// `get`: a short description.
pub fn unit(u: &UnitOut, out: &mut String) {
    let _ = writeln!(
        out,
        "{} ({}, {} {}, {})",
        u.name, u.code, u.era, u.level, u.kind
    );
    if let Some(d) = &u.district {
        let _ = writeln!(out, "  district: {}", with_code(d));
    }
    if let Some(p) = &u.province {
        let _ = writeln!(out, "  province: {}", with_code(p));
    }
    if let Some(r) = u.resolution {
        let _ = writeln!(out, "  resolution: {r}");
    }
    if let Some(g) = &u.geo {
        if let (Some(lat), Some(lon)) = (g.lat, g.lon) {
            let _ = writeln!(out, "  centre: {lat:.5}, {lon:.5}");
        }
        if let Some(a) = g.area_km2 {
            let _ = writeln!(out, "  area: {a:.2} km²");
        }
        if let Some(p) = g.population {
            let _ = writeln!(out, "  population: {p}");
        }
    }
    for c in &u.changes {
        let _ = writeln!(
            out,
            "  {}: {} → {} ({})",
            c.date, c.kind_before, c.kind_after, c.legal_basis
        );
    }
    if !u.successors.is_empty() {
        let _ = writeln!(out, "  became:");
        for s in &u.successors {
            let _ = writeln!(out, "    - {} ({}) [{}]", s.name, s.code, s.share);
        }
    }
    if !u.predecessors.is_empty() {
        let _ = writeln!(out, "  formed from:");
        for p in &u.predecessors {
            let mut line = format!("    - {} ({})", p.name, p.code);
            if let Some(d) = &p.district {
                let _ = write!(line, ", {}", d.name);
            }
            let _ = writeln!(out, "{line} [{}]", p.share);
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
