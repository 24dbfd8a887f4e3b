
export function locate(lat, lon, options) {
  ready('locate');
  return wasm.locate(lat, lon, options);
}
