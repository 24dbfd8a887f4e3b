//! JSON lines for `translate`, `parse`, `get`, `search` and `locate`: the bytes
//! serde_json's compact writer gives, written by a serializer that does only what these
//! outputs need, faster.
//!
//! The shapes are the library's (`Serialize` impls of its types); this module only
//! writes them. serde_json spends about half of a `translate` line escaping strings one
//! byte at a time (field names included); here a string is checked eight bytes at a
//! time and copied whole when nothing in it needs escaping, which is nearly always.
//! Numbers are written by `itoa` (integers) and by serde_json itself (floats), strings
//! are escaped by serde_json's rules (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
//! controls as `\u00xx` in lower-case hex, nothing else). Anything else serde_json
//! would write differently or refuse (byte strings, map keys that are not strings, its
//! raw values) is [`Unsupported`]: [`line`] then writes the value with serde_json
//! instead, so the output is serde_json's in every case. Tests compare the two on the
//! crate's tables and on arbitrary JSON values.

use std::fmt;

use serde::ser::{self, Serialize};

/// `value` as one JSON line appended to `buf`: exactly what
/// `serde_json::to_writer` and a `\n` append.
pub fn line(value: &(impl Serialize + ?Sized), buf: &mut Vec<u8>) {
    let start = buf.len();
    if write(buf, value).is_err() {
        buf.truncate(start);
        // Serialising the library's plain types into memory cannot fail.
        let _ = serde_json::to_writer(&mut *buf, value);
    }
    buf.push(b'\n');
}

/// Appends `value` as compact JSON, or fails with [`Unsupported`] (leaving partial
/// output) for what this writer does not take.
pub fn write(out: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) -> Result<(), Unsupported> {
    use std::cell::RefCell;
    thread_local! {
        static KEYS: RefCell<Keys> = const { RefCell::new(Keys::new()) };
    }
    KEYS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut keys) => value.serialize(&mut Writer {
            out,
            keys: &mut keys,
        }),
        // Only if a value's serialisation came back here: a cache of its own.
        Err(_) => value.serialize(&mut Writer {
            out,
            keys: &mut Keys::new(),
        }),
    })
}

/// The longest field name kept ready in [`Keys`].
const KEY_MAX: usize = 27;

/// A framed name's block: `,"name":` and what follows, copied whole.
const KEY_BLOCK: usize = KEY_MAX + 4;

/// Field names already written, each kept as `,"name":` ready to copy. serde hands a
/// struct's field names over as `&'static str`: the same address and length is the
/// same text, so a name is checked and framed once per thread, not once per field.
/// Direct-mapped by address; names that need escaping or are longer than
/// [`KEY_MAX`] are written each time. (A name is trusted not to change behind its
/// address: serde's field names are string literals, and those of dvhc's types are.)
struct Keys {
    slots: [Key; 128],
}

#[derive(Clone, Copy)]
struct Key {
    /// The name's address (0: empty slot; no `&'static str` is at 0).
    addr: usize,
    len: usize,
    /// `,"name":`.
    text: [u8; KEY_BLOCK + 1],
}

impl Keys {
    const fn new() -> Self {
        Keys {
            slots: [Key {
                addr: 0,
                len: 0,
                text: [0; KEY_BLOCK + 1],
            }; 128],
        }
    }

    /// `,"key":` at the start of a block, and its length; `None` for a name that is
    /// not kept.
    #[inline]
    fn framed(&mut self, key: &'static str) -> Option<(&[u8; KEY_BLOCK + 1], usize)> {
        let addr = key.as_ptr() as usize;
        // Fibonacci hashing: names sit a few bytes apart, so the address's low bits
        // alone would collide.
        let slot = &mut self.slots
            [addr.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize) >> (usize::BITS - 7)];
        if slot.addr != addr || slot.len != key.len() {
            let k = key.as_bytes();
            if k.len() > KEY_MAX || needs_escaping(k) {
                return None;
            }
            slot.addr = addr;
            slot.len = k.len();
            slot.text[..2].copy_from_slice(b",\"");
            slot.text[2..2 + k.len()].copy_from_slice(k);
            slot.text[2 + k.len()..4 + k.len()].copy_from_slice(b"\":");
        }
        Some((&slot.text, slot.len + 4))
    }
}

/// A value this writer leaves to serde_json (see the module documentation).
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// The name serde_json gives the struct its raw values serialise as.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

/// What each byte becomes inside a JSON string: 0 itself, `u` `\u00xx`, else `\` and
/// that letter. serde_json's table.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Whether any of the eight bytes of `w` is a control (< 0x20), `"` or `\`.
#[inline]
fn any_to_escape(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte below n (n ≤ 0x80) sets its high bit in (w - n·ONES) & !w; a zero byte of
    // w ^ c·ONES marks a byte equal to c. Exact for "any", which is all we ask.
    let below = w.wrapping_sub(0x20 * ONES) & !w;
    let q = w ^ (u64::from(b'"') * ONES);
    let b = w ^ (u64::from(b'\\') * ONES);
    (below | (q.wrapping_sub(ONES) & !q) | (b.wrapping_sub(ONES) & !b)) & HIGH != 0
}

/// Whether any byte of `bytes` needs escaping: eight at a time, the last eight
/// overlapping the previous ones, and a short string as two overlapping halves.
#[inline]
fn needs_escaping(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        return if n < 4 {
            bytes.iter().any(|&b| ESCAPE[usize::from(b)] != 0)
        } else {
            // Bytes 0–3 and the last four: every byte at least once.
            let half = |at: usize| {
                let mut w = [0; 4];
                w.copy_from_slice(&bytes[at..at + 4]);
                u64::from(u32::from_le_bytes(w))
            };
            any_to_escape(half(0) | half(n - 4) << 32)
        };
    }
    let word = |chunk: &[u8]| {
        let mut w = [0; 8];
        w.copy_from_slice(chunk);
        u64::from_le_bytes(w)
    };
    let mut chunks = bytes.chunks_exact(8);
    for chunk in chunks.by_ref() {
        if any_to_escape(word(chunk)) {
            return true;
        }
    }
    !chunks.remainder().is_empty() && any_to_escape(word(&bytes[n - 8..]))
}

/// `s` as a JSON string literal, appended to `out`.
#[inline]
fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if needs_escaping(bytes) {
        escaped(out, bytes);
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// `bytes` escaped, one byte at a time (rare: a quote, a backslash, a control).
#[cold]
fn escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        start = i + 1;
        if escape == b'u' {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    keys: &'a mut Keys,
}

impl<'a> Writer<'a> {
    fn integer(&mut self, v: impl itoa::Integer) -> Result<(), Unsupported> {
        self.out
            .extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
        Ok(())
    }

    /// Floats as serde_json writes them (its formatter, `null` when not finite).
    fn float(&mut self, v: impl Serialize) -> Result<(), Unsupported> {
        serde_json::to_writer(&mut *self.out, &v).map_err(|_| Unsupported)
    }

    /// Opens an array or object with `open`; `variant`: it is a variant's content,
    /// closed with one more `}`.
    fn open<'b>(&'b mut self, open: u8, close: u8, variant: bool) -> Compound<'a, 'b> {
        self.out.push(open);
        Compound {
            w: self,
            first: true,
            close,
            variant,
        }
    }

    /// `{"variant":` before a variant's content.
    fn variant(&mut self, variant: &str) {
        self.out.push(b'{');
        string(self.out, variant);
        self.out.push(b':');
    }
}

/// An array or object being written: `close` ends it.
struct Compound<'a, 'b> {
    w: &'b mut Writer<'a>,
    first: bool,
    /// `]` or `}`.
    close: u8,
    /// The content of a variant: `}` after `close`.
    variant: bool,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.w.out.push(b',');
        }
    }

    fn element(&mut self, value: &(impl Serialize + ?Sized)) -> Result<(), Unsupported> {
        self.comma();
        value.serialize(&mut *self.w)
    }

    /// `,"key":` (no comma first), then the value.
    fn field(
        &mut self,
        key: &'static str,
        value: &(impl Serialize + ?Sized),
    ) -> Result<(), Unsupported> {
        let first = std::mem::take(&mut self.first);
        let w = &mut *self.w;
        if let Some((block, len)) = w.keys.framed(key) {
            // The whole block (a copy of fixed size, no call to memcpy), then cut back
            // to the name's end.
            let start = w.out.len();
            let from = usize::from(first);
            if let Some(text) = block.get(from..from + KEY_BLOCK) {
                w.out.extend_from_slice(text);
            }
            w.out.truncate(start + len - from);
        } else {
            if !first {
                w.out.push(b',');
            }
            string(w.out, key);
            w.out.push(b':');
        }
        value.serialize(&mut *self.w)
    }

    fn end(self) -> Result<(), Unsupported> {
        // Bytes pushed one by one: a slice of variable length would be a call to memcpy.
        self.w.out.push(self.close);
        if self.variant {
            self.w.out.push(b'}');
        }
        Ok(())
    }
}

impl<'a, 'b> ser::Serializer for &'b mut Writer<'a> {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Compound<'a, 'b>;
    type SerializeTuple = Compound<'a, 'b>;
    type SerializeTupleStruct = Compound<'a, 'b>;
    type SerializeTupleVariant = Compound<'a, 'b>;
    type SerializeMap = Compound<'a, 'b>;
    type SerializeStruct = Compound<'a, 'b>;
    type SerializeStructVariant = Compound<'a, 'b>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unsupported> {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.float(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        string(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        string(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unsupported> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'b>, Unsupported> {
        Ok(self.open(b'[', b']', false))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, 'b>, Unsupported> {
        Ok(self.open(b'[', b']', false))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>, Unsupported> {
        Ok(self.open(b'[', b']', false))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>, Unsupported> {
        self.variant(variant);
        Ok(self.open(b'[', b']', true))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'b>, Unsupported> {
        Ok(self.open(b'{', b'}', false))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>, Unsupported> {
        if name == RAW_VALUE {
            return Err(Unsupported);
        }
        Ok(self.open(b'{', b'}', false))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a, 'b>, Unsupported> {
        self.variant(variant);
        Ok(self.open(b'{', b'}', true))
    }
}

/// The compound traits whose members are values alone (arrays) or keyed by a static
/// name (structs): each writes one member, then `end` closes.
macro_rules! members {
    ($($tr:ident::$m:ident),+; values) => {$(
        impl ser::$tr for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn $m<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
                self.element(value)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self)
            }
        }
    )+};
    ($($tr:ident),+; keyed) => {$(
        impl ser::$tr for Compound<'_, '_> {
            type Ok = ();
            type Error = Unsupported;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unsupported> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Unsupported> {
                Compound::end(self)
            }
        }
    )+};
}

members!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field;
    values
);
members!(SerializeStruct, SerializeStructVariant; keyed);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unsupported;
    /// Keys that serialise as strings are written as they are; serde_json writes
    /// others (numbers, booleans) quoted or refuses them: those are left to it.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unsupported> {
        self.comma();
        let at = self.w.out.len();
        key.serialize(&mut *self.w)?;
        let written = &self.w.out[at..];
        if written.first() != Some(&b'"') || written.last() != Some(&b'"') || written.len() < 2 {
            return Err(Unsupported);
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.w.out.push(b':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Result<(), Unsupported> {
        Compound::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// Ours and serde_json's bytes for `value`; ours must not need the fallback.
    fn both(value: &(impl Serialize + ?Sized)) -> (String, String) {
        let mut ours = Vec::new();
        write(&mut ours, value).expect("no fallback needed");
        let theirs = serde_json::to_vec(value).unwrap();
        (
            String::from_utf8(ours).unwrap(),
            String::from_utf8(theirs).unwrap(),
        )
    }

    #[track_caller]
    fn same(value: &(impl Serialize + ?Sized)) {
        let (ours, theirs) = both(value);
        assert_eq!(ours, theirs);
    }

    #[test]
    fn every_byte_that_needs_escaping() {
        for c in (0u32..0x80).chain([0xa0, 0xad, 0x2028, 0x2029, 0xfeff, 0x1f600]) {
            let c = char::from_u32(c).unwrap();
            // At every offset of an eight-byte chunk, and alone.
            for pad in 0..10 {
                let s = format!(
                    "{}{c}{}",
                    "ạ".repeat(pad % 4) + &"x".repeat(pad),
                    "y".repeat(pad)
                );
                same(&s);
            }
            same(&c);
        }
        same(&"");
        same(&"\"\\\u{1}\u{1f}\u{7f}\n\r\t\u{8}\u{c}");
    }

    /// Field names go through the cache of framed names: first and later fields, in
    /// structs and struct variants, more names than it has slots (so they evict each
    /// other), names at and over its length limit, names that need escaping, and the
    /// same names again in other orders.
    #[test]
    fn field_names() {
        /// A struct with the given field names, each holding its index.
        struct Fields(Vec<&'static str>, bool);
        impl Serialize for Fields {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::{SerializeStruct, SerializeStructVariant};
                if self.1 {
                    let mut st = s.serialize_struct_variant("E", 0, "v", self.0.len())?;
                    for (i, k) in self.0.iter().enumerate() {
                        st.serialize_field(k, &i)?;
                    }
                    st.end()
                } else {
                    let mut st = s.serialize_struct("S", self.0.len())?;
                    for (i, k) in self.0.iter().enumerate() {
                        st.serialize_field(k, &i)?;
                    }
                    st.end()
                }
            }
        }
        let mut names: Vec<&'static str> = (0..300)
            .map(|i| &*Box::leak(format!("name{i}").into_boxed_str()))
            .collect();
        names.extend([
            "",
            "a",
            "x\"y",
            "back\\slash",
            "tab\there",
            "\u{1}",
            "ạ",
            "abcdefghijklmnopqrstuvwxyz0", // KEY_MAX bytes
            "abcdefghijklmnopqrstuvwxyz01",
            "abcdefghijklmnopqrstuvwxyz0\"",
            "Tên đơn vị hành chính cấp xã",
        ]);
        assert!(names.iter().any(|n| n.len() == KEY_MAX));
        for variant in [false, true] {
            same(&Fields(names.clone(), variant));
            let mut reversed = names.clone();
            reversed.reverse();
            same(&Fields(reversed, variant));
            for n in &names {
                same(&Fields(vec![n], variant));
                same(&Fields(vec![n, n, "a", n], variant));
            }
        }
    }

    #[test]
    fn numbers_and_the_other_shapes() {
        for f in [
            0.0,
            -0.0,
            1.0,
            0.1,
            1e21,
            1e-7,
            -2.5e-300,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same(&f);
            same(&(f as f32));
        }
        same(&(i64::MIN, u64::MAX, i128::MIN, u128::MAX, 0u8, -1i8));
        same(&(
            true,
            false,
            (),
            Some(1),
            None::<u8>,
            'é',
            vec![Vec::<u8>::new()],
        ));
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, &'static str),
            Struct { a: u8, b: Option<&'static str> },
        }
        #[derive(serde::Serialize)]
        struct S<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<u8>,
            e: &'a [E],
            map: std::collections::BTreeMap<&'a str, E>,
            empty: std::collections::BTreeMap<String, u8>,
        }
        let map = [("k\"ey", E::Unit), ("", E::New(3))].into_iter().collect();
        same(&S {
            skipped: None,
            e: &[
                E::Unit,
                E::New(1),
                E::Tuple(2, "x"),
                E::Struct { a: 3, b: None },
            ],
            map,
            empty: Default::default(),
        });
    }

    #[test]
    fn what_serde_json_writes_otherwise_is_left_to_it() {
        let int_keys: std::collections::BTreeMap<u8, u8> = [(1, 2)].into_iter().collect();
        let raw = serde_json::value::RawValue::from_string("{ \"a\" : 1 }".into()).unwrap();
        for (v, want) in [
            (&int_keys as &dyn erased::Ser, r#"{"1":2}"#),
            (&serde_bytes_like() as &dyn erased::Ser, "[1,2]"),
            (&raw as &dyn erased::Ser, "{ \"a\" : 1 }"),
        ] {
            let mut out = Vec::new();
            assert!(v.write_ours(&mut out).is_err());
            let mut buf = Vec::new();
            v.line(&mut buf);
            assert_eq!(String::from_utf8(buf).unwrap(), format!("{want}\n"));
        }
    }

    /// A value serialised with `serialize_bytes`.
    fn serde_bytes_like() -> impl Serialize {
        struct B;
        impl Serialize for B {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&[1, 2])
            }
        }
        B
    }

    /// Calls through `dyn`, for a table of values of different types.
    mod erased {
        pub(super) trait Ser {
            fn write_ours(&self, out: &mut Vec<u8>) -> Result<(), super::Unsupported>;
            fn line(&self, buf: &mut Vec<u8>);
        }
        impl<T: serde::Serialize + ?Sized> Ser for T {
            fn write_ours(&self, out: &mut Vec<u8>) -> Result<(), super::Unsupported> {
                super::write(out, self)
            }
            fn line(&self, buf: &mut Vec<u8>) {
                super::line(self, buf)
            }
        }
    }

    /// The library's results for every unit's name and for addresses written from them,
    /// as `translate`, `parse`, `get` and `search` print them.
    #[test]
    fn the_librarys_results() {
        use dvhc::translate::{Outcome, Translator};
        use dvhc::{address, AsOf, Unit};
        let translator = Translator::new().with_locator(dvhc_geo::Boundaries);
        let mut inputs: Vec<String> = Vec::new();
        for c in dvhc::legacy::Commune::all().iter().step_by(7) {
            let d = c.district();
            let p = d.province();
            inputs.push(format!("{}, {}, {}", c.name(), d.name(), p.name()));
            inputs.push(format!(
                "\"{}\"\t{} - {}\u{1}",
                c.name(),
                d.name(),
                p.name()
            ));
        }
        for c in dvhc::Commune::all() {
            inputs.push(format!(
                "{} ({}), {}",
                c.name(),
                c.code(),
                c.province().name()
            ));
            same(&AsOf::new(Unit::Commune(c), None));
        }
        for p in dvhc::Province::all() {
            same(&AsOf::new(Unit::Province(p), None));
        }
        for i in &inputs {
            same(&Outcome::new(i, &translator.translate(i)));
            same(&Outcome::new(i, &translator.translate_at(i, 10.78, 106.7)));
            same(&AsOf::new(
                address::Outcome::new(i, &address::parse(i)),
                None,
            ));
        }
        for q in ["sai gon", "ben nghe", "hoa", "quan 1"] {
            for h in dvhc::search::Search::new().run(q) {
                same(&h);
            }
        }
    }

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            any::<String>().prop_map(Value::String),
            "[\\x00-\\x7f\"\\\\ạđ]{0,20}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 8, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((any::<String>(), inner), 0..8)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_value(v in value()) {
            let (ours, theirs) = both(&v);
            prop_assert_eq!(ours, theirs);
        }

        #[test]
        fn any_string(s in any::<String>()) {
            let (ours, theirs) = both(&s);
            prop_assert_eq!(ours, theirs);
        }
    }
}
