// Wrong uses that `tsc` must refuse: each line below is one error.
import * as dvhc from 'dvhc';

const a: number = dvhc.get('79')!.name;
dvhc.search('x', { prefix: 'yes' });
dvhc.provinces({ era: 'old' });
const b: string = dvhc.translate('x').candidates[0].distance_km;
dvhc.translate('x').legacy.province;
export { a, b };
