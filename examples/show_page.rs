//! Prints how the page cleaner splits a document: body, captions, metadata.
//!
//! `cargo run --example show_page -- corpus/guilin-2024-08-15.txt`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let pipeline = dangjian::Pipeline::default();
    for path in std::env::args().skip(1) {
        let doc = dangjian::Document::from_path(&path)?;
        let a = pipeline.analyze(&doc);
        println!("== {path}\n-- meta: {}", serde_json::to_string(&a.meta)?);
        for c in &a.captions {
            println!("-- caption: {c}");
        }
        println!("-- body:\n{}", a.body);
    }
    Ok(())
}
