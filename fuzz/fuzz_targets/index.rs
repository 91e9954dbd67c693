//! JSONL stdin → `index -`: one record per line, in order, no caught panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::index(&dangjian_fuzz::shapes::jsonl(data));
});
