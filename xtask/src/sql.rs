//! A minimal reader for the PostgreSQL scripts of thanglequoc's database:
//! `INSERT INTO t(cols) VALUES (...),(...);` and
//! `UPDATE t SET c = v, ... WHERE col = v;` plus ignorable DDL.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Punct(char),
}

fn tokenize(src: &str) -> Result<Vec<Tok>> {
    let chars: Vec<char> = src.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let start = i;
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            if i + 1 >= chars.len() {
                bail!("unterminated comment at char {start}");
            }
            i += 2;
        } else if c == '\'' {
            let start = i;
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => bail!("unterminated string at char {start}"),
                    Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                        s.push('\'');
                        i += 2;
                    }
                    Some('\'') => {
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            toks.push(Tok::Str(s));
        } else if "(),;=".contains(c) {
            toks.push(Tok::Punct(c));
            i += 1;
        } else {
            let mut s = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !"(),;='".contains(chars[i]) {
                s.push(chars[i]);
                i += 1;
            }
            toks.push(Tok::Word(s));
        }
    }
    Ok(toks)
}

#[derive(Debug)]
pub enum Statement {
    Insert {
        table: String,
        rows: Vec<BTreeMap<String, String>>,
    },
    Update {
        table: String,
        set: Vec<(String, String)>,
        where_col: String,
        where_val: String,
    },
    /// CREATE TABLE / DELETE FROM: only the table name is kept.
    Other { verb: String, table: String },
}

struct Cursor<'a> {
    toks: &'a [Tok],
    pos: usize,
}

impl Cursor<'_> {
    fn next(&mut self) -> Result<&Tok> {
        let t = self
            .toks
            .get(self.pos)
            .context("unexpected end of statement")?;
        self.pos += 1;
        Ok(t)
    }
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }
    fn word(&mut self) -> Result<String> {
        match self.next()? {
            Tok::Word(w) => Ok(w.clone()),
            t => bail!("expected a word, got {t:?}"),
        }
    }
    fn keyword(&mut self, kw: &str) -> Result<()> {
        let w = self.word()?;
        if !w.eq_ignore_ascii_case(kw) {
            bail!("expected {kw}, got {w}");
        }
        Ok(())
    }
    fn punct(&mut self, p: char) -> Result<()> {
        match self.next()? {
            Tok::Punct(q) if *q == p => Ok(()),
            t => bail!("expected {p:?}, got {t:?}"),
        }
    }
    fn value(&mut self) -> Result<String> {
        match self.next()? {
            Tok::Str(s) | Tok::Word(s) => Ok(s.clone()),
            t => bail!("expected a value, got {t:?}"),
        }
    }
    fn at_end(&self) -> bool {
        self.pos >= self.toks.len()
    }
}

fn parse_insert(c: &mut Cursor) -> Result<Statement> {
    c.keyword("INTO")?;
    let table = c.word()?;
    c.punct('(')?;
    let mut cols = vec![c.word()?];
    while c.peek() == Some(&Tok::Punct(',')) {
        c.punct(',')?;
        cols.push(c.word()?);
    }
    c.punct(')')?;
    c.keyword("VALUES")?;
    let mut rows = Vec::new();
    loop {
        c.punct('(')?;
        let mut vals = vec![c.value()?];
        while c.peek() == Some(&Tok::Punct(',')) {
            c.punct(',')?;
            vals.push(c.value()?);
        }
        c.punct(')')?;
        if vals.len() != cols.len() {
            bail!("{table}: {} values for {} columns", vals.len(), cols.len());
        }
        rows.push(cols.iter().cloned().zip(vals).collect());
        if c.at_end() {
            break;
        }
        c.punct(',')?;
    }
    Ok(Statement::Insert { table, rows })
}

fn parse_update(c: &mut Cursor) -> Result<Statement> {
    let table = c.word()?;
    c.keyword("SET")?;
    let mut set = Vec::new();
    loop {
        let col = c.word()?;
        c.punct('=')?;
        set.push((col, c.value()?));
        if c.peek() == Some(&Tok::Punct(',')) {
            c.punct(',')?;
        } else {
            break;
        }
    }
    c.keyword("WHERE")?;
    let where_col = c.word()?;
    c.punct('=')?;
    let where_val = c.value()?;
    if !c.at_end() {
        bail!("trailing tokens after WHERE in UPDATE {table}");
    }
    Ok(Statement::Update {
        table,
        set,
        where_col,
        where_val,
    })
}

fn parse_other(verb: String, c: &mut Cursor) -> Result<Statement> {
    // CREATE TABLE [IF NOT EXISTS] name (...) | DELETE FROM name
    let mut table = None;
    while let Ok(Tok::Word(w)) = c.next().cloned() {
        let up = w.to_ascii_uppercase();
        if !["TABLE", "IF", "NOT", "EXISTS", "FROM"].contains(&up.as_str()) {
            table = Some(w);
            break;
        }
    }
    let table = table.with_context(|| format!("{verb}: no table name"))?;
    Ok(Statement::Other { verb, table })
}

pub fn parse(src: &str) -> Result<Vec<Statement>> {
    let toks = tokenize(src)?;
    let mut out = Vec::new();
    for (n, stmt) in toks.split(|t| *t == Tok::Punct(';')).enumerate() {
        if stmt.is_empty() {
            continue;
        }
        let mut c = Cursor { toks: stmt, pos: 0 };
        let verb = c.word()?.to_ascii_uppercase();
        let parsed = match verb.as_str() {
            "INSERT" => parse_insert(&mut c),
            "UPDATE" => parse_update(&mut c),
            "CREATE" | "DELETE" => parse_other(verb.clone(), &mut c),
            _ => bail!("unsupported statement {verb}"),
        };
        out.push(parsed.with_context(|| format!("SQL statement {} ({verb})", n + 1))?);
    }
    Ok(out)
}

/// Rows of all INSERTs, grouped by table. Any other statement is an error.
pub fn inserts(src: &str) -> Result<BTreeMap<String, Vec<BTreeMap<String, String>>>> {
    let mut tables: BTreeMap<String, Vec<BTreeMap<String, String>>> = BTreeMap::new();
    for st in parse(src)? {
        match st {
            Statement::Insert { table, rows } => tables.entry(table).or_default().extend(rows),
            other => bail!("unexpected statement in a data script: {other:?}"),
        }
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_inserts_and_updates() {
        let src = "/* c */ -- x\nINSERT INTO wards(code,name,unit) VALUES ('1','Ea H''Leo',3),('2','B',4);\nUPDATE wards SET code = '9', unit = 1 WHERE code = '1';\nDELETE FROM meta;";
        let st = parse(src).unwrap();
        assert_eq!(st.len(), 3);
        match &st[0] {
            Statement::Insert { rows, .. } => assert_eq!(rows[0]["name"], "Ea H'Leo"),
            _ => panic!(),
        }
        match &st[1] {
            Statement::Update { set, where_val, .. } => {
                assert_eq!(set.len(), 2);
                assert_eq!(where_val, "1");
            }
            _ => panic!(),
        }
    }
}
