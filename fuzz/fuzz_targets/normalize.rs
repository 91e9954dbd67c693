//! Text → normalize: the offset map is monotone, inside the text and on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::normalize(&dangjian_fuzz::shapes::render(data));
});
