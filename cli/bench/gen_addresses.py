"""Generates CSV files of pre-2025 Vietnamese addresses for benchmarking `dvhc csv`.

usage: python3 cli/bench/gen_addresses.py ROWS POOL OUT
  POOL: number of distinct address strings (0: every row unique)
Columns: id,customer,address,phone. Addresses use the legacy units in data/legacy/, in 4
styles (official, abbreviated, no diacritics lower case, no commas) with a house number
and a street. The output is the same for the same arguments (fixed seed).

  python3 cli/bench/gen_addresses.py 1000000 5000 /tmp/repeat_1m.csv
  /usr/bin/time -v dvhc csv --column address /tmp/repeat_1m.csv > /dev/null
"""
import csv, os, random, sys, unicodedata
random.seed(20250701)
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'data', 'legacy', '')
def tsv(name):
    with open(D + name, encoding='utf-8') as f:
        r = csv.DictReader(f, delimiter='\t')
        return list(r)
prov = {r['code']: r for r in tsv('provinces.tsv')}
dist = {r['code']: r for r in tsv('districts.tsv')}
comm = tsv('communes.tsv')
FULL = {'phuong': 'Phường', 'xa': 'Xã', 'thi_tran': 'Thị trấn', 'quan': 'Quận', 'huyen': 'Huyện',
        'thi_xa': 'Thị xã', 'thanh_pho': 'Thành phố', 'tinh': 'Tỉnh'}
ABBR = {'phuong': 'P.', 'xa': 'X.', 'thi_tran': 'TT.', 'quan': 'Q.', 'huyen': 'H.',
        'thi_xa': 'TX.', 'thanh_pho': 'TP.', 'tinh': 'T.'}
STREETS = ['Lê Lợi', 'Nguyễn Huệ', 'Trần Hưng Đạo', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung',
           'Nguyễn Trãi', 'Lê Duẩn', 'Hùng Vương', 'Phan Chu Trinh', 'Võ Thị Sáu', 'Điện Biên Phủ']
def strip(s):
    s = s.replace('đ', 'd').replace('Đ', 'D')
    return ''.join(c for c in unicodedata.normalize('NFD', s) if not unicodedata.combining(c)).lower()
def address(c, style, street):
    d = dist[c['district']]; p = prov[d['province']]
    if style == 1:
        parts = [f"{ABBR[u['kind']]} {u['name']}" for u in (c, d, p)]
    else:
        parts = [f"{FULL[u['kind']]} {u['name']}" for u in (c, d, p)]
    s = ', '.join([street] + parts)
    if style == 2: s = strip(s)
    if style == 3: s = s.replace(',', '')
    return s
def street():
    return f"{random.randint(1, 999)} {random.choice(STREETS)}"
rows, pool, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if pool:
    addrs = [address(random.choice(comm), random.randrange(4), street()) for _ in range(pool)]
with open(out, 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['id', 'customer', 'address', 'phone'])
    for i in range(rows):
        a = random.choice(addrs) if pool else address(random.choice(comm), random.randrange(4), street())
        w.writerow([i, f'Khách hàng "{i % 977}", chi nhánh {i % 13}', a, f'09{random.randint(0, 99999999):08d}'])
