#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ourplan_core::fuzzing::plan(data));
