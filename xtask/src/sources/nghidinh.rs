//! Trimmed capture of the NSO resolution list (NghiDinh.aspx): one table row
//! per resolution with number, issue date, effective date and subject.

use crate::table::read_text;
use crate::text::clean;
use anyhow::{bail, Context, Result};
use std::path::Path;

pub struct Resolution {
    pub number: String,
    pub issued: String,
    pub effective: String,
    pub subject: String,
}

fn decode_entities(s: &str) -> Result<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find(';').context("unterminated HTML entity")? + i;
        let ent = &rest[i + 1..end];
        let ch = match ent {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "nbsp" => ' ',
            _ => {
                let num = ent.strip_prefix('#').context("unknown HTML entity")?;
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16)?,
                    None => num.parse()?,
                };
                char::from_u32(v).context("bad character reference")?
            }
        };
        out.push(ch);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Text of every `<td ...>...</td>` inside `row`.
fn cells(row: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(i) = rest.find("<td") {
        let open_end = rest[i..].find('>').context("unterminated <td")? + i;
        let close = rest[open_end..].find("</td>").context("missing </td>")? + open_end;
        out.push(clean(&decode_entities(&rest[open_end + 1..close])?));
        rest = &rest[close + 5..];
    }
    Ok(out)
}

pub fn read(path: &Path) -> Result<Vec<Resolution>> {
    let html = read_text(path)?;
    let mut out = Vec::new();
    for chunk in html.split("<tr").skip(1) {
        if !chunk.contains("DXDataRow") {
            continue;
        }
        let body = chunk.split("</tr>").next().unwrap_or_default();
        let c = cells(body)?;
        if c.len() != 4 {
            bail!("{}: data row with {} cells", path.display(), c.len());
        }
        out.push(Resolution {
            number: c[0].clone(),
            issued: c[1].clone(),
            effective: c[2].clone(),
            subject: c[3].clone(),
        });
    }
    Ok(out)
}
