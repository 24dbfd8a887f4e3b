// Typed use of the package: `tsc` must accept this file (wasm/test/types.test.mjs).
import * as dvhc from 'dvhc';
import type { Address, Candidate, Hit, Translation, Unit } from 'dvhc';

export async function demo(): Promise<string[]> {
  await dvhc.init();
  const version: string = dvhc.dataVersion;
  const provinces: Unit[] = dvhc.provinces({ era: 'current', on: '2026-01-01' });
  const communes: Unit[] | null = dvhc.communes(provinces[0].code);
  const unit: Unit | null = dvhc.get('26740', { era: 'legacy' });
  const byPostal: string | undefined = dvhc.get('11120', { postal: true })?.name;
  const successors = unit?.successors.map((s) => `${s.name} (${s.share})`) ?? [];
  const hits: Hit[] = dvhc.search('ben nghe', { prefix: true, limit: 10, within: '79', level: 'commune' });
  const first = hits[0]?.province.name;
  const address: Address = dvhc.parse('12 Lê Lợi, P. Bến Nghé, Q.1, TP.HCM');
  const t: Translation = dvhc.translate('P. Đa Kao, Q.1, TP.HCM', { lat: 10.79, lon: 106.69 });
  const partial: Candidate[] = t.candidates.filter((c) => c.share === 'partial');
  const km: number | null = partial[0]?.distance_km ?? null;
  const kinds = (communes ?? []).map((c) => (c.kind === 'phuong' ? c.name : c.short_name));
  const postal: string[] = (communes ?? []).map((c) => c.postal_code ?? c.codename);
  const phone: number | null = provinces[0].phone_code;
  const english: string = `${provinces[0].full_name_en} ${provinces[0].postal_code_prefixes.join('/')}`;
  return [version, first ?? '', address.units.province?.name ?? '', String(km), ...successors, ...kinds, ...postal, String(phone), english, byPostal ?? '', typeof dvhc.init];
}
