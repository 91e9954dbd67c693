//! HTML → text, and the page cleaner on the result.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dangjian_fuzz::checks::html(&dangjian_fuzz::shapes::render(data));
});
