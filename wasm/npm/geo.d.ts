
/**
 * The current commune whose boundary contains the point (WGS 84 degrees), or `null`
 * for a point in none (at sea, abroad). Throws a RangeError for coordinates that are
 * not finite or out of range.
 */
export function locate(lat: number, lon: number, options?: NamesOptions): Unit | null;
