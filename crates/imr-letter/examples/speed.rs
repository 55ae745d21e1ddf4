fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push(std::fs::read_to_string(p).unwrap());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..20 {
        for x in &texts {
            n += imr_letter::parse(x).items.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!("{n} items, {:.1} MB/s", (bytes * 20) as f64 / s / 1e6);
    let mut text = String::from("IMR ISSUES, DECISIONS AND RATIONALES\nset forth below:\n");
    for i in 0..20_000 {
        text.push_str(&format!("Item {i}: Upheld\nClaims Administrator guideline: x\nMAXIMUS guideline: y\nDecision rationale: z.\n \n"));
    }
    let t = std::time::Instant::now();
    let l = imr_letter::parse(&text);
    println!("20000 items: {} in {:?}", l.items.len(), t.elapsed());
}
