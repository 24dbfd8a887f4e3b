//! Maps every source's unit-type vocabulary to our kind ids.

use crate::text::ascii_fold;

/// "Phường", "phuong", "dac-khu", "thanh_pho_truc_thuoc_trung_uong", … →
/// "phuong", "dac_khu", "thanh_pho", …; unknown values become `"?<raw>"`.
pub fn kind_id(raw: &str) -> String {
    let id = match ascii_fold(raw).as_str() {
        "phuong" => "phuong",
        "xa" => "xa",
        "dackhu" => "dac_khu",
        "tinh" => "tinh",
        "thanhpho"
        | "thanhphotrunguong"
        | "thanhphotructhuoctrunguong"
        | "thanhphothuoctinh"
        | "thanhphothuocthanhphotructhuoctrunguong" => "thanh_pho",
        "thitran" => "thi_tran",
        "thixa" => "thi_xa",
        "quan" => "quan",
        "huyen" => "huyen",
        _ => return format!("?{raw}"),
    };
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::kind_id;

    #[test]
    fn vocabularies() {
        assert_eq!(kind_id("Đặc khu"), "dac_khu");
        assert_eq!(kind_id("dac-khu"), "dac_khu");
        assert_eq!(kind_id("thành phố trung ương"), "thanh_pho");
        assert_eq!(kind_id("thanh_pho_thuoc_tinh"), "thanh_pho");
        assert_eq!(kind_id("Thị trấn"), "thi_tran");
        assert_eq!(kind_id("bogus"), "?bogus");
    }
}
