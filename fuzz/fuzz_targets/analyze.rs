//! Text → the whole pipeline: no panic, spans slice the original, values finite.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::analyze(&dangjian_fuzz::shapes::render(data));
});
