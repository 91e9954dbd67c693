//! Numerals: parse never panics, parse∘format round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::numerals(data);
});
