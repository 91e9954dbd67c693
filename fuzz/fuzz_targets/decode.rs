//! Bytes → `Document`: decoding and encoding detection.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::decode(data);
});
