//! Treatment categories (`docs/treatment-categories-v1.md`): what kind of treatment each item
//! asks for, decided from its request by the table of terms below.
//!
//! How a request is read:
//! 1. A request beginning "Associated surgical service:" is `surgery` (subtype null unless what
//!    follows names an operation); its term is that label.
//! 2. Otherwise every term of [`TABLE`] is found, case-insensitively, on word boundaries (the
//!    longest term at each word; a space or hyphen in a term matches a space or hyphen; a plural
//!    `s` may follow).
//! 3. What the request only mentions is set aside: the words after a [`MENTION`] word ("for",
//!    "with", "regarding", ...) count only when nothing before them matched.
//! 4. Terms standing side by side form one name: "Spine surgery evaluation" is an evaluation,
//!    "Chiropractic evaluation" physical medicine (see [`join`]). A referral to someone is what it
//!    refers to, when that is not a physician's service.
//! 5. Of the services left, the first type in the spec's order wins; within a type, the first
//!    named.
//! 6. The winner is refined: a drug in a topical form is `topical`, two or more agents in one
//!    topical `compound`; a modality given as sessions is `physical_medicine`/`other`, followed
//!    by a device word it is equipment; an operation or injection takes its subtype from the
//!    site the request names.

use std::sync::OnceLock;

use crate::model::{Category, Letter, Span, Subtype as S, TreatmentType as T};

/// How a term's category may change with the rest of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// The group's type and subtype, always.
    Plain,
    /// An operation or injection: the site named in the request gives the subtype ([`site`]);
    /// the group's subtype when none is named.
    Site,
    /// A modality: given as sessions it is `physical_medicine`/`other`; followed by a device
    /// word ("unit", "wrap", ...) it is `durable_medical_equipment` of this subtype; else the
    /// group's type and subtype.
    Modality(S),
    /// A drug that a topical form (cream, gel, patch, a strength in %) makes `topical`.
    Drug,
    /// The head noun of an evaluation ("evaluation", "consultation"); see [`join`].
    EvalHead,
    /// A referral or transfer of care: what it refers to decides, if named and not a
    /// physician's service.
    Referral,
}

/// Terms of one type and subtype that follow one rule. Phrases are lower case; a space or a
/// hyphen in a phrase matches a space or a hyphen in the request.
#[derive(Debug)]
pub struct Group {
    kind: T,
    subtype: Option<S>,
    rule: Rule,
    /// The terms, separated by ", ".
    phrases: &'static str,
}

const fn g(kind: T, subtype: Option<S>, rule: Rule, phrases: &'static str) -> Group {
    Group {
        kind,
        subtype,
        rule,
        phrases,
    }
}

use Rule::*;

/// The table of terms. A term names the thing itself, as short as names it: a drug's generic
/// or brand name, a procedure, a test, a therapy, a device. Order does not matter (the longest
/// term at a word wins); groups are listed by type in the spec's order.
#[rustfmt::skip]
pub static TABLE: &[Group] = &[
    // ---- surgery -----------------------------------------------------------------------
    g(T::Surgery, Some(S::Spine), Plain,
        "laminectomy, hemilaminectomy, laminotomy, laminoplasty, discectomy, \
         microdiscectomy, diskectomy, microdiskectomy, foraminotomy, corpectomy, \
         kyphoplasty, vertebroplasty, acdf, tlif, plif, alif, xlif, spinal fusion, \
         disc replacement, disc arthroplasty, spinal cord stimulator, \
         dorsal column stimulator, intrathecal pump"),
    g(T::Surgery, Some(S::Joint), Plain,
        "meniscectomy, menisectomy, meniscus repair, meniscal repair, rotator cuff repair, \
         bankart repair, slap repair, labral repair, acl reconstruction, acromioplasty, \
         subacromial decompression, distal clavicle excision, mumford, capsular release, \
         synovectomy, chondroplasty, total knee replacement, knee replacement, \
         hip replacement, shoulder replacement, total knee arthroplasty, tka, tkr, tha, thr, \
         uka"),
    g(T::Surgery, Some(S::HandWrist), Plain,
        "carpal tunnel release, trigger finger release, de quervain release, \
         de quervain's release, first dorsal compartment release, dupuytren fasciectomy"),
    // Nerves at the elbow, a hernia: neither spine, joint nor hand.
    g(T::Surgery, Some(S::Other), Plain,
        "cubital tunnel release, ulnar nerve transposition, hernia repair"),
    // Arthroscopy is of a joint; the site may still make it hand and wrist.
    g(T::Surgery, Some(S::Joint), Site,
        "arthroscopy, arthroscopic, arthroplasty, manipulation under anesthesia"),
    g(T::Surgery, Some(S::Other), Site,
        "surgery, operation, fusion, arthrodesis, decompression, neuroplasty, neurectomy, \
         orif, open reduction, internal fixation, osteotomy, tenodesis, tenotomy, tenolysis, \
         debridement, excision, amputation, hardware removal, removal of hardware, \
         reconstruction, revision surgery"),
    // Services attached to an operation that name no operation.
    g(T::Surgery, None, Plain,
        "assistant surgeon, surgical assistant, surgical assist, assistant at surgery, \
         co-surgeon, assistant pa, pa assist, pa assistant"),
    // ---- injection ---------------------------------------------------------------------
    g(T::Injection, Some(S::Epidural), Plain,
        "epidural, epidural injection, epidural steroid injection, esi, caudal injection"),
    g(T::Injection, Some(S::Facet), Plain,
        "facet injection, facet joint injection, facet block, facet joint block, \
         medial branch block, mbb, radiofrequency ablation, rfa, radiofrequency neurotomy, \
         radiofrequency rhizotomy, rhizotomy, facet rhizotomy"),
    g(T::Injection, Some(S::TriggerPoint), Plain,
        "trigger point injection, trigger points injection, tpi"),
    g(T::Injection, Some(S::Joint), Plain,
        "intra-articular injection, joint injection, sacroiliac joint injection, \
         si joint injection, viscosupplementation, synvisc, euflexxa, supartz, orthovisc, \
         monovisc, gel-one, hyalgan, hyaluronic acid injection"),
    g(T::Injection, Some(S::NerveBlock), Plain,
        "nerve block, occipital nerve block, stellate ganglion block, sympathetic block, \
         lumbar sympathetic block, genicular nerve block, suprascapular nerve block"),
    g(T::Injection, Some(S::PrpBiologic), Plain,
        "platelet rich plasma, platelet rich plasma injection, prp, prp injection, \
         stem cell injection, stem cell, amniotic injection"),
    // An injection the site may make a joint injection.
    g(T::Injection, Some(S::Other), Site,
        "injection, cortisone injection, steroid injection, corticosteroid injection, botox, \
         botulinum toxin, prolotherapy"),
    // ---- pharmaceutical ------------------------------------------------------------------
    // Opioids keep their class in any form (a fentanyl patch is an opioid).
    g(T::Pharmaceutical, Some(S::Opioid), Plain,
        "opioid, opioids, hydrocodone, norco, vicodin, lortab, hysingla, zohydro, oxycodone, \
         oxycontin, percocet, roxicodone, endocet, xtampza, oxymorphone, opana, \
         hydromorphone, dilaudid, exalgo, morphine, ms contin, kadian, embeda, fentanyl, \
         duragesic, tramadol, ultram, ultracet, conzip, ryzolt, tapentadol, \
         nucynta, codeine, tylenol with codeine, tylenol #3, methadone, buprenorphine, \
         butrans, belbuca, suboxone, subutex, zubsolv, meperidine, demerol, levorphanol, \
         pentazocine, talwin, xartemis"),
    g(T::Pharmaceutical, Some(S::Nsaid), Drug,
        "nsaid, nsaids, ibuprofen, motrin, advil, naproxen, naprosyn, anaprox, aleve, \
         celecoxib, celebrex, meloxicam, mobic, diclofenac, voltaren, zorvolex, cambia, \
         arthrotec, etodolac, lodine, nabumetone, relafen, ketorolac, toradol, indomethacin, \
         indocin, piroxicam, feldene, oxaprozin, daypro, fenoprofen, nalfon, ketoprofen, \
         flurbiprofen, sulindac, clinoril, diflunisal, salsalate, duexis, vimovo, aspirin"),
    g(T::Pharmaceutical, Some(S::MuscleRelaxant), Drug,
        "muscle relaxant, cyclobenzaprine, flexeril, amrix, fexmid, tizanidine, zanaflex, \
         methocarbamol, robaxin, carisoprodol, soma, baclofen, lioresal, orphenadrine, \
         norflex, metaxalone, skelaxin, chlorzoxazone, lorzone, parafon forte, dantrolene, \
         tabradol"),
    g(T::Pharmaceutical, Some(S::Anticonvulsant), Drug,
        "gabapentin, neurontin, gralise, horizant, fanatrex, pregabalin, lyrica, topiramate, \
         topamax, carbamazepine, tegretol, oxcarbazepine, trileptal, lamotrigine, lamictal, \
         levetiracetam, keppra, divalproex, depakote, valproic acid, zonisamide, phenytoin"),
    g(T::Pharmaceutical, Some(S::Antidepressant), Drug,
        "amitriptyline, elavil, nortriptyline, pamelor, desipramine, imipramine, duloxetine, \
         cymbalta, venlafaxine, effexor, desvenlafaxine, pristiq, milnacipran, savella, \
         bupropion, wellbutrin, sertraline, zoloft, fluoxetine, prozac, citalopram, celexa, \
         escitalopram, lexapro, paroxetine, paxil, trazodone, desyrel, mirtazapine, remeron, \
         vortioxetine, trintellix, vilazodone, viibryd"),
    // Products that are topical whatever is written around them, with one agent.
    g(T::Pharmaceutical, Some(S::Topical), Plain,
        "lidoderm, flector, pennsaid, anecream, ketophene, cyclophene, capsaicin, zostrix, \
         biofreeze, solaraze"),
    // Products of two or more agents in one topical.
    g(T::Pharmaceutical, Some(S::Compound), Plain,
        "lidopro, terocin, medrox, dendracin, mentherm, kera-tek, salonpas, bengay, icy hot, \
         theraflex, compound cream, compounded cream"),
    g(T::Pharmaceutical, Some(S::GiProtective), Drug,
        "proton pump inhibitor, ppi, omeprazole, prilosec, pantoprazole, protonix, \
         esomeprazole, nexium, lansoprazole, prevacid, rabeprazole, aciphex, \
         dexlansoprazole, dexilant, famotidine, pepcid, ranitidine, zantac, deprizine, \
         misoprostol, cytotec, sucralfate, carafate"),
    g(T::Pharmaceutical, Some(S::SleepAid), Drug,
        "zolpidem, ambien, eszopiclone, lunesta, zaleplon, sonata, suvorexant, belsomra, \
         ramelteon, rozerem, silenor, diphenhydramine, dicopanol, melatonin"),
    g(T::Pharmaceutical, Some(S::Benzodiazepine), Drug,
        "benzodiazepine, diazepam, valium, alprazolam, xanax, lorazepam, ativan, clonazepam, \
         klonopin, temazepam, restoril, chlordiazepoxide, librium"),
    // Synapryn (a tramadol suspension) is a medical food as the spec names it.
    g(T::Pharmaceutical, Some(S::MedicalFood), Plain,
        "medical food, synapryn, theramine, sentra, sentra am, sentra pm, trepadone, gabadone, \
         percura, apptrim, sentradine, hypertensa"),
    g(T::Pharmaceutical, Some(S::Other), Drug,
        "acetaminophen, tylenol, apap, fioricet, fiorinal, butalbital, ondansetron, zofran, \
         promethazine, phenergan, colace, docusate, senna, senokot, lactulose, linzess, \
         movantik, amitiza, relistor, prednisone, medrol, methylprednisolone, dexamethasone, \
         lidocaine, bupivacaine, ketamine, dextromethorphan, menthol, methyl salicylate, \
         camphor, sumatriptan, imitrex, hydroxyzine, vistaril, buspirone, buspar, clonidine, \
         quetiapine, seroquel, aripiprazole, abilify, modafinil, provigil, testosterone, \
         vitamin d, naloxone, narcan"),
    // ---- diagnostic ----------------------------------------------------------------------
    g(T::Diagnostic, Some(S::Mri), Plain,
        "mri, mr arthrogram, mr arthrography, mra, magnetic resonance imaging, \
         magnetic resonance"),
    g(T::Diagnostic, Some(S::Ct), Plain,
        "ct, cat scan, computed tomography"),
    g(T::Diagnostic, Some(S::Xray), Plain,
        "x-ray, xray, radiograph, radiography, fluoroscopy"),
    // Ultrasound as a test; given as sessions it is a modality.
    g(T::Diagnostic, Some(S::Ultrasound), Modality(S::Other),
        "ultrasound, sonogram, ultrasonography, diagnostic ultrasound"),
    g(T::Diagnostic, Some(S::Electrodiagnostic), Plain,
        "emg, ncv, ncs, emg/ncv, emg/ncs, ncv/emg, ncs/emg, electromyography, \
         electromyogram, nerve conduction study, nerve conduction studies, \
         nerve conduction velocity, nerve conduction test, electrodiagnostic, \
         electrodiagnostic testing, electrodiagnostic studies"),
    g(T::Diagnostic, Some(S::Lab), Plain,
        "lab, labs, laboratory, blood test, blood work, bloodwork, cbc, bmp, cmp, \
         chem panel, chemistry panel, metabolic panel, pt/ptt, pt/inr, ptt, inr, urinalysis, \
         ua, hemoglobin a1c, lipid panel, liver function test, hepatic function panel, \
         renal function test"),
    // "Urine test" alone: in these letters, the reviewer's drug testing (the 2016 opioid
    // guideline's urine drug testing); a urinalysis is named as such.
    g(T::Diagnostic, Some(S::DrugScreen), Plain,
        "urine drug screen, urine drug screening, urine drug test, urine drug testing, \
         urine toxicology, urine test, urine testing, urine screen, drug screen, \
         drug screening, drug test, drug testing, uds, udt, toxicology screen"),
    g(T::Diagnostic, Some(S::Other), Plain,
        "ekg, ecg, electrocardiogram, eeg, electroencephalogram, bone scan, ssep, \
         somatosensory evoked potential, evoked potential, dexa, bone density, sleep study, \
         polysomnography, stress test, echocardiogram, myelogram, discogram, discography, \
         functional capacity evaluation, fce, impedance imaging, thermography, grip test, \
         grip strength test, range of motion, computerized range of motion, muscle testing, \
         qualitative functional capacity evaluation, genetic testing, pulmonary function test"),
    // ---- physical medicine ---------------------------------------------------------------
    g(T::PhysicalMedicine, Some(S::PhysicalTherapy), Plain,
        "physical therapy, physiotherapy, physical therapist"),
    g(T::PhysicalMedicine, Some(S::Chiropractic), Plain,
        "chiropractic, chiropractor, chiro, chirophysio, chiropractic manipulation, \
         chiropractic evaluation"),
    g(T::PhysicalMedicine, Some(S::Acupuncture), Plain,
        "acupuncture, electroacupuncture, acupuncturist, acupuncture evaluation"),
    g(T::PhysicalMedicine, Some(S::Massage), Plain,
        "massage, massage therapy, myofascial release, soft tissue mobilization"),
    g(T::PhysicalMedicine, Some(S::OccupationalTherapy), Plain,
        "occupational therapy, occupational therapist"),
    g(T::PhysicalMedicine, Some(S::Aquatic), Plain,
        "aquatic therapy, aqua therapy, aquatherapy, pool therapy, water therapy"),
    // Modalities and therapies given as treatment sessions; hand therapy is given by physical
    // or occupational therapists alike.
    g(T::PhysicalMedicine, Some(S::Other), Plain,
        "hand therapy, manual therapy, therapeutic exercise, therapeutic exercises, \
         therapeutic ultrasound, ultrasound therapy, infrared heat, infrared therapy, \
         infrared light therapy, shockwave therapy, shock wave therapy, shockwave treatment, \
         eswt, iontophoresis, laser therapy, low level laser therapy, lllt, cold laser, \
         paraffin, whirlpool, decompression therapy, \
         localized intense neurostimulation therapy, hyperstimulation analgesia, \
         work conditioning evaluation"),
    // Electrical stimulation: a treatment, or with "unit" a device.
    g(T::PhysicalMedicine, Some(S::Other), Modality(S::TensStim),
        "electrical stimulation, electric stimulation, e-stim, estim, \
         electrical muscle stimulation"),
    // ---- durable medical equipment -------------------------------------------------------
    g(T::DurableMedicalEquipment, Some(S::TensStim), Modality(S::TensStim),
        "tens, ems, ems/tens, tens/ems, nmes, interferential, interferential unit, if unit, \
         h-wave, muscle stimulator, neuromuscular stimulator"),
    g(T::DurableMedicalEquipment, Some(S::BraceSupport), Plain,
        "brace, back support, lumbar support, lumbosacral orthosis, lso, tlso, splint, \
         sling, ultrasling, shoulder immobilizer, cervical collar, orthotic, orthotics, \
         orthosis, insoles, shoe inserts, abdominal binder"),
    g(T::DurableMedicalEquipment, Some(S::HotCold), Plain,
        "vascutherm, game ready, polar care, ice machine, heating pad, heat pad, hot pack, \
         cold pack, ice pack, heat wrap, thermacare, cryo unit"),
    // Hot and cold therapy: a device unless given as sessions.
    g(T::DurableMedicalEquipment, Some(S::HotCold), Modality(S::HotCold),
        "cold therapy, hot/cold therapy, hot and cold therapy, heat therapy, cryotherapy, \
         thermotherapy, cold compression therapy"),
    g(T::DurableMedicalEquipment, Some(S::MobilityBath), Plain,
        "wheelchair, walker, rollator, cane, crutches, crutch, knee scooter, \
         mobility scooter, scooter, power chair, commode, shower chair, bath chair, \
         bath/shower chair, tub bench, transfer bench, shower bench, raised toilet seat, \
         toilet seat, grab bar"),
    // Traction: a home device unless given as sessions.
    g(T::DurableMedicalEquipment, Some(S::Other), Modality(S::Other),
        "traction"),
    g(T::DurableMedicalEquipment, Some(S::Other), Plain,
        "durable medical equipment, dme, hospital bed, hearing aid, hearing aids, \
         sit-stand workstation, sit/stand workstation, standing desk, workstation, \
         ergonomic chair, mattress, cpap, compression stockings, compression garment, \
         pneumatic compression, compression pump, home exercise kit, lift chair, hoyer lift, \
         leg wraps"),
    // ---- evaluation ----------------------------------------------------------------------
    g(T::Evaluation, Some(S::Consultation), EvalHead,
        "consultation, consult, evaluation, eval, second opinion"),
    g(T::Evaluation, Some(S::Consultation), Referral,
        "referral, refer, toc, transfer of care"),
    g(T::Evaluation, Some(S::Consultation), Plain,
        "pain management"),
    g(T::Evaluation, Some(S::FollowUp), Plain,
        "follow up, follow up visit, follow up office visit, office visit, re-evaluation, \
         reevaluation, office consultation follow up"),
    g(T::Evaluation, Some(S::Other), Plain,
        "medical clearance, clearance, preoperative clearance, history and physical, h&p, \
         independent medical evaluation"),
    // ---- behavioral ----------------------------------------------------------------------
    g(T::Behavioral, Some(S::Psychotherapy), Plain,
        "psychotherapy, cognitive behavioral therapy, cognitive behavioural therapy, cbt, \
         psychological treatment, psychological therapy, psychiatric treatment, counseling, \
         counselling, group therapy, psychological counseling"),
    g(T::Behavioral, Some(S::Evaluation), Plain,
        "psychological evaluation, psychiatric evaluation, psych evaluation, psych eval, \
         psychological consultation, psychiatric consultation, psychological testing, \
         neuropsychological testing, neuropsychological evaluation"),
    g(T::Behavioral, Some(S::Other), Plain,
        "psychologist, psychiatrist, psychological, psychiatric, psych"),
    g(T::Behavioral, Some(S::Biofeedback), Plain,
        "biofeedback"),
    // ---- program -------------------------------------------------------------------------
    g(T::Program, Some(S::FunctionalRestoration), Plain,
        "functional restoration program, functional restoration, frp, help program, \
         multidisciplinary pain program, interdisciplinary pain program, \
         chronic pain program, multidisciplinary program, interdisciplinary program"),
    g(T::Program, Some(S::WorkConditioning), Plain,
        "work conditioning, work hardening"),
    g(T::Program, Some(S::WeightLoss), Plain,
        "weight loss program, weight loss, weight management program, weight watchers, \
         medifast, nutrisystem, lindora"),
    g(T::Program, Some(S::Other), Plain,
        "gym membership, gym, ymca, pool membership, aftercare program, aftercare"),
    // ---- home care and transport ---------------------------------------------------------
    g(T::HomeCareTransport, Some(S::HomeHealth), Plain,
        "home health, home health care, home health aide, home care, home aide, \
         home assistance, home attendant, attendant care, caregiver, nursing care, \
         home nursing, skilled nursing, rn, lvn, home health services"),
    g(T::HomeCareTransport, Some(S::Transport), Plain,
        "transportation, transport, taxi, medical transportation"),
    g(T::HomeCareTransport, Some(S::Other), Plain,
        "housekeeping, homemaker, meal delivery"),
];

/// Words after which a request only mentions things: "Orthopedic consultation *regarding* a
/// possible knee arthroscopy", "acupuncture visits *with* Capsaicin patch".
#[rustfmt::skip]
const MENTION: &[&str] = &[
    "regarding", "for", "with", "following", "after", "before", "per", "due", "secondary",
    "including", "under", "via", "using",
];

/// Words that make a modality a device: "TENS unit", "heat therapy pad".
#[rustfmt::skip]
const DEVICE: &[&str] = &[
    "unit", "units", "wrap", "pad", "pads", "pack", "device", "machine", "system", "kit",
    "supplies", "electrodes",
];

/// Words that say a drug is in a topical form (besides a strength in %).
#[rustfmt::skip]
const TOPICAL_FORM: &[&str] = &[
    "cream", "creams", "gel", "ointment", "lotion", "patch", "patches", "pad", "pads",
    "transdermal", "topical", "compound", "compounded", "spray", "liniment", "balm", "rub",
    "foam", "roll-on",
];

/// The words naming an operation's or injection's site, by subtype (surgery's spelling:
/// an injection at a hand or wrist is a joint injection, one at the spine keeps its subtype).
#[rustfmt::skip]
const SITES: &[(S, &[&str])] = &[
    (S::Spine, &[
        "spine", "spinal", "lumbar", "cervical", "thoracic", "lumbosacral", "sacral", "back",
        "neck", "disc", "disk", "vertebra", "vertebral",
    ]),
    (S::HandWrist, &[
        "hand", "hands", "wrist", "wrists", "finger", "fingers", "thumb", "carpal",
        "metacarpal", "digit",
    ]),
    (S::Joint, &[
        "knee", "knees", "shoulder", "shoulders", "hip", "hips", "elbow", "elbows", "ankle",
        "ankles", "sacroiliac", "acromioclavicular", "glenohumeral", "labral", "meniscus",
        "joint", "intra-articular", "subacromial",
    ]),
];

/// Types whose evaluation or referral is a physician's: "Spine surgery evaluation" is an
/// evaluation; "Chiropractic evaluation" is chiropractic.
fn physician_service(kind: T) -> bool {
    matches!(
        kind,
        T::Surgery | T::Injection | T::Pharmaceutical | T::Diagnostic | T::Evaluation
    )
}

/// One term found in a request.
#[derive(Debug, Clone, Copy)]
struct Found {
    start: usize,
    end: usize,
    group: &'static Group,
}

/// What a request was read as: type, subtype, and the term's byte range in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read {
    pub kind: T,
    pub subtype: Option<S>,
    pub term: (usize, usize),
}

const ASSOCIATED: &str = "associated surgical service";

/// Reads what kind of treatment `request` is; `None` when it names nothing of the table (the
/// item is then `other`).
pub fn categorise(request: &str) -> Option<Read> {
    let text = request.as_bytes();
    if let Some(end) = associated_label(request) {
        // Whatever follows is post-operative; only an operation it names gives a subtype.
        let subtype = find_all(request, end)
            .into_iter()
            .find(|f| f.group.kind == T::Surgery && f.group.subtype.is_some())
            .and_then(|f| refine_site(request, f.group));
        return Some(Read {
            kind: T::Surgery,
            subtype,
            term: (0, end),
        });
    }
    let found = find_all(request, 0);
    if found.is_empty() {
        return None;
    }
    // The first stretch between mention words that holds a term.
    let segment = first_segment(request, &found);
    // Each name in the stretch (terms side by side), and whether it is a bare referral.
    let mut candidates: Vec<(Read, bool)> = Vec::new();
    let mut run_start = 0;
    for k in 1..=segment.len() {
        if k == segment.len() || !adjacent(text, segment[k - 1].end, segment[k].start) {
            candidates.push(candidate(request, &segment[run_start..k], segment));
            run_start = k;
        }
    }
    // A referral to someone who is not a physician is what it refers to.
    let mut i = 0;
    while i < candidates.len() {
        let refers_on = candidates[i + 1..]
            .iter()
            .any(|(c, _)| !physician_service(c.kind));
        if candidates[i].1 && refers_on {
            candidates.remove(i);
        } else {
            i += 1;
        }
    }
    candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(i, (c, _))| (c.kind, *i))
        .map(|(_, (c, _))| c)
}

/// A run of terms side by side read as one name, and whether it is a bare referral.
fn candidate(request: &str, run: &[Found], segment: &[Found]) -> (Read, bool) {
    let referral = run.len() == 1 && run[0].group.rule == Referral;
    (join(request, run, segment), referral)
}

/// The end of a leading "Associated surgical service(s)" label, if the request begins so.
fn associated_label(request: &str) -> Option<usize> {
    let t = request.as_bytes();
    let n = ASSOCIATED.len();
    if t.len() < n || !t[..n].eq_ignore_ascii_case(ASSOCIATED.as_bytes()) {
        return None;
    }
    let end = if t.get(n).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
        n + 1
    } else {
        n
    };
    (!t.get(end).is_some_and(u8::is_ascii_alphanumeric)).then_some(end)
}

/// Every term of the table in `request[from..]`: the longest at each word, left to right.
fn find_all(request: &str, from: usize) -> Vec<Found> {
    // Compared in lower case: the table's phrases are.
    let lower = request.to_ascii_lowercase();
    let text = lower.as_bytes();
    let index = index();
    let mut found = Vec::new();
    let mut i = from;
    while i < text.len() {
        if !is_word_start(text, i) {
            i += 1;
            continue;
        }
        let word_end = word_end(text, i);
        let word = &text[i..word_end];
        // The entries whose first word is this word, among those of its first byte.
        let first = usize::from(word[0]);
        let bucket = &index.entries[index.starts[first]..index.starts[first + 1]];
        let mut best: Option<(usize, &'static Group)> = None;
        for e in bucket.iter().filter(|e| e.0.as_bytes() == word) {
            if let Some(end) = match_phrase(text, i, e.1.as_bytes()) {
                if best.is_none_or(|(b, _)| end > b) {
                    best = Some((end, e.2));
                }
            }
        }
        match best {
            Some((end, group)) => {
                found.push(Found {
                    start: i,
                    end,
                    group,
                });
                i = end;
            }
            None => i = word_end,
        }
    }
    found
}

/// The table's phrases by their first word (lower case): (first word, phrase, group).
type IndexEntry = (&'static str, &'static str, &'static Group);

/// The phrases grouped by the first byte of their first word, and where each group starts.
struct Index {
    entries: Vec<IndexEntry>,
    /// `entries[starts[c]..starts[c + 1]]` begin with byte `c`.
    starts: [usize; 257],
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut all: Vec<IndexEntry> = Vec::new();
        for g in TABLE {
            for p in g.phrases.split(", ") {
                all.push((first_word(p), p, g));
            }
        }
        // Grouped by first byte (a counting sort, in table order within a byte).
        let mut starts = [0; 257];
        for e in &all {
            starts[usize::from(e.0.as_bytes()[0]) + 1] += 1;
        }
        for c in 0..256 {
            starts[c + 1] += starts[c];
        }
        let mut next = starts;
        let mut entries = all.clone();
        for e in all {
            let c = usize::from(e.0.as_bytes()[0]);
            entries[next[c]] = e;
            next[c] += 1;
        }
        Index { entries, starts }
    })
}

/// The leading word (letters and digits) of a phrase.
fn first_word(phrase: &str) -> &str {
    let end = phrase
        .bytes()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(phrase.len());
    &phrase[..end]
}

fn is_word_start(t: &[u8], i: usize) -> bool {
    t[i].is_ascii_alphanumeric() && (i == 0 || !t[i - 1].is_ascii_alphanumeric())
}

fn word_end(t: &[u8], i: usize) -> usize {
    i + t[i..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(t.len() - i)
}

/// Whether `phrase` stands at `at` in `t`, ending on a word boundary (a plural `s` may
/// follow); returns its end.
fn match_phrase(t: &[u8], at: usize, phrase: &[u8]) -> Option<usize> {
    let mut i = at;
    let mut p = 0;
    while p < phrase.len() {
        let c = phrase[p];
        if c == b' ' || c == b'-' {
            // One to three spaces or hyphens ("follow up", "follow-up", "x- ray").
            let run = t[i..]
                .iter()
                .take(3)
                .take_while(|&&b| b == b' ' || b == b'-')
                .count();
            if run == 0 {
                return None;
            }
            i += run;
            p += 1;
            continue;
        }
        if !t.get(i).is_some_and(|b| b.eq_ignore_ascii_case(&c)) {
            return None;
        }
        i += 1;
        p += 1;
    }
    let boundary = |j: usize| !t.get(j).is_some_and(u8::is_ascii_alphanumeric);
    let last_alnum = phrase.last().is_some_and(u8::is_ascii_alphanumeric);
    if boundary(i) || !last_alnum {
        Some(i)
    } else if t[i].eq_ignore_ascii_case(&b's') && boundary(i + 1) {
        Some(i + 1)
    } else {
        None
    }
}

/// The end of `needle` (lower case) at `i`, case aside, ending on a word boundary.
pub(crate) fn starts_ci(t: &[u8], i: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let e = i + n.len();
    let ok = e <= t.len()
        && t[i..e].eq_ignore_ascii_case(n)
        && !(n.last().is_some_and(u8::is_ascii_alphanumeric)
            && t.get(e).is_some_and(u8::is_ascii_alphanumeric));
    ok.then_some(e)
}

/// The first `needle` (lower case) in `[from, to)`, case aside.
pub(crate) fn find_ci(t: &[u8], needle: &str, from: usize, to: usize) -> Option<usize> {
    let n = needle.as_bytes();
    let first = *n.first()?;
    let (lo, up) = (first, first.to_ascii_uppercase());
    let mut i = from;
    while i + n.len() <= to {
        i += t[i..=to - n.len()]
            .iter()
            .position(|&c| c == lo || c == up)?;
        if t[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Whether two terms stand side by side: only spaces or hyphens between them.
fn adjacent(t: &[u8], end: usize, start: usize) -> bool {
    end <= start && t[end..start].iter().all(|&c| c == b' ' || c == b'-')
}

/// The terms of the first stretch between mention words (outside terms) that holds any.
fn first_segment<'f>(request: &str, found: &'f [Found]) -> &'f [Found] {
    let t = request.as_bytes();
    let (mut start, mut next) = (0, 0);
    let mut i = 0;
    while i < t.len() {
        if let Some(f) = found.get(next).filter(|f| f.start <= i) {
            i = f.end;
            next += 1;
            continue;
        }
        if is_word_start(t, i) {
            let e = word_end(t, i);
            if MENTION
                .iter()
                .any(|m| t[i..e].eq_ignore_ascii_case(m.as_bytes()))
            {
                if next > start {
                    return &found[start..next];
                }
                start = next;
            }
            i = e;
        } else {
            i += 1;
        }
    }
    &found[start..]
}

/// One name made of terms side by side. An evaluation noun last: a physician's evaluation
/// ("Spine surgery evaluation") unless what it evaluates is another's service ("Chiropractic
/// evaluation", "Psych evaluation"), which it then is. Otherwise terms of one type are that
/// type's first named ("Chiropractic physiotherapy"); of several types, the last names the
/// thing ("follow-up aftercare program").
fn join(request: &str, run: &[Found], segment: &[Found]) -> Read {
    let first = run[0];
    let last = run[run.len() - 1];
    if run.len() > 1 && last.group.rule == EvalHead {
        let m = first.group;
        let (kind, subtype) = if physician_service(m.kind) {
            (last.group.kind, last.group.subtype)
        } else if m.kind == T::Behavioral {
            (T::Behavioral, Some(S::Evaluation))
        } else {
            (m.kind, m.subtype)
        };
        return Read {
            kind,
            subtype,
            term: (first.start, last.end),
        };
    }
    let head = if run.iter().all(|f| f.group.kind == first.group.kind) {
        first
    } else {
        last
    };
    refine(request, head, segment)
}

/// The category of one term, refined by the rest of the request.
fn refine(request: &str, f: Found, segment: &[Found]) -> Read {
    let g = f.group;
    let plain = Read {
        kind: g.kind,
        subtype: g.subtype,
        term: (f.start, f.end),
    };
    match g.rule {
        Site => Read {
            subtype: refine_site(request, g),
            ..plain
        },
        Modality(device) => {
            if let Some(end) = device_word(request, f.end) {
                Read {
                    kind: T::DurableMedicalEquipment,
                    subtype: Some(device),
                    term: (f.start, end),
                }
            } else if given_as_sessions(request) {
                Read {
                    kind: T::PhysicalMedicine,
                    subtype: Some(S::Other),
                    ..plain
                }
            } else {
                plain
            }
        }
        Drug | Plain if g.kind == T::Pharmaceutical => refine_drug(request, f, segment),
        _ => plain,
    }
}

/// A drug: two or more agents in a topical form are a compound (the term runs from the first
/// agent to the last); one agent in a topical form is topical; else its class.
fn refine_drug(request: &str, f: Found, segment: &[Found]) -> Read {
    let agents: Vec<&Found> = segment
        .iter()
        .filter(|a| a.group.kind == T::Pharmaceutical)
        .collect();
    let distinct = agents
        .iter()
        .filter(|a| {
            let name = &request[a.start..a.end];
            !agents
                .iter()
                .take_while(|b| b.start < a.start)
                .any(|b| request[b.start..b.end].eq_ignore_ascii_case(name))
        })
        .count();
    let topical = topical_form(request);
    let g = f.group;
    if distinct >= 2 && (topical || agents.iter().any(|a| a.group.subtype == Some(S::Compound))) {
        let last = agents[agents.len() - 1];
        return Read {
            kind: T::Pharmaceutical,
            subtype: Some(S::Compound),
            term: (agents[0].start, last.end),
        };
    }
    let subtype = if g.rule == Drug && topical {
        Some(S::Topical)
    } else {
        g.subtype
    };
    Read {
        kind: T::Pharmaceutical,
        subtype,
        term: (f.start, f.end),
    }
}

/// An operation's or injection's subtype from the first site the request names.
fn refine_site(request: &str, g: &Group) -> Option<S> {
    let t = request.as_bytes();
    let mut i = 0;
    while i < t.len() {
        if !is_word_start(t, i) {
            i += 1;
            continue;
        }
        let e = word_end(t, i);
        let w = &t[i..e];
        // A spinal level: L4, L5-S1, C5-6, T12.
        let level = w.len() >= 2
            && matches!(w[0], b'L' | b'C' | b'T' | b'S')
            && w[1..].iter().all(u8::is_ascii_digit)
            && w.len() <= 3;
        let site = if level {
            Some(S::Spine)
        } else {
            SITES
                .iter()
                .find(|(_, words)| words.iter().any(|s| w.eq_ignore_ascii_case(s.as_bytes())))
                .map(|(s, _)| *s)
        };
        if let Some(site) = site {
            return match (g.kind, site) {
                (T::Surgery, s) => Some(s),
                (_, S::Spine) => g.subtype,
                _ => Some(S::Joint),
            };
        }
        i = e;
    }
    g.subtype
}

/// The end of a device word right after `end` ("TENS *unit*"), if there is one.
fn device_word(request: &str, end: usize) -> Option<usize> {
    let t = request.as_bytes();
    let s = end + t[end..].iter().take_while(|&&c| c == b' ').count();
    if s >= t.len() || !is_word_start(t, s) {
        return None;
    }
    let e = word_end(t, s);
    DEVICE
        .iter()
        .any(|d| t[s..e].eq_ignore_ascii_case(d.as_bytes()))
        .then_some(e)
}

/// Whether the request counts sessions or visits, or a frequency ("2 times a week", "2x6").
fn given_as_sessions(request: &str) -> bool {
    let t = request.as_bytes();
    let words = [
        "session", "visit", "weekly", "a week", "per week", "/week", "x week",
    ];
    if words.iter().any(|w| find_ci(t, w, 0, t.len()).is_some()) {
        return true;
    }
    // "2x6", "3 x 4".
    (0..t.len()).any(|i| {
        (t[i] == b'x' || t[i] == b'X')
            && i > 0
            && t[..i]
                .iter()
                .rev()
                .find(|&&c| c != b' ')
                .is_some_and(u8::is_ascii_digit)
            && t[i + 1..]
                .iter()
                .find(|&&c| c != b' ')
                .is_some_and(u8::is_ascii_digit)
    })
}

/// Whether a topical form is named, or a strength written in %.
fn topical_form(request: &str) -> bool {
    let t = request.as_bytes();
    let percent = (1..t.len()).any(|i| t[i] == b'%' && t[i - 1].is_ascii_digit());
    percent
        || (0..t.len()).any(|i| {
            is_word_start(t, i) && {
                TOPICAL_FORM
                    .iter()
                    .any(|f| match_phrase(t, i, f.as_bytes()).is_some())
            }
        })
}

/// Whether `text` names any treatment of the table (a guideline's topic, not its chapter).
pub fn names_treatment(text: &str) -> bool {
    !find_all(text, 0).is_empty()
}

/// Fills each item's category (from its request, else its heading) and each citation's
/// guideline parts, recording the spans of the term, chapter, year and sections. `input` is
/// the text the letter was parsed from. [`crate::parse`] does this last; it is public so that
/// its cost can be measured alone (`benches/parse.rs`).
#[inline(never)]
pub fn annotate(letter: &mut Letter, input: &str) {
    let mut spans: Vec<(String, Span)> = Vec::new();
    let mut key = String::new();
    let pointer = |base: &str, rest: &str| {
        let mut k = String::with_capacity(base.len() + rest.len() + 3);
        k.push_str(base);
        k.push_str(rest);
        k
    };
    for (n, item) in letter.items.iter_mut().enumerate() {
        let mut base = String::from("/items/");
        push_number(&mut base, n);
        let request = item.request.as_deref().unwrap_or("");
        let heading = item.heading.as_deref().unwrap_or("");
        let from_request = categorise(request).map(|r| (r, "/request"));
        let read = from_request.or_else(|| categorise(heading).map(|r| (r, "/heading")));
        item.category = match read {
            Some((r, field)) => {
                let value = if field == "/request" {
                    request
                } else {
                    heading
                };
                key.clear();
                key.push_str(&base);
                key.push_str(field);
                let span = letter.spans.get(key.as_str()).copied();
                if let Some(span) = span.and_then(|s| Mapper::new(input, s, value)?.span(r.term)) {
                    spans.push((pointer(&base, "/category/term"), span));
                }
                let term = Some(value[r.term.0..r.term.1].to_string());
                Category::new(r.kind, r.subtype, term).unwrap_or_default()
            }
            None => Category::default(),
        };
        for (m, c) in item.citations.iter_mut().enumerate() {
            let parts = crate::guideline::read(c.source, &c.text);
            let mut at = pointer(&base, "/citations/");
            push_number(&mut at, m);
            key.clear();
            key.push_str(&at);
            key.push_str("/text");
            let span = letter.spans.get(key.as_str()).copied();
            let mut mapper = span.and_then(|s| Mapper::new(input, s, &c.text));
            let mut span_of = |name: String, range: (usize, usize)| {
                if let Some(span) = mapper.as_mut().and_then(|m| m.span(range)) {
                    spans.push((name, span));
                }
            };
            c.guideline = parts.guideline;
            c.chapter = parts.chapter.map(|r| {
                span_of(pointer(&at, "/chapter"), r);
                c.text[r.0..r.1].to_string()
            });
            c.year = parts.year.map(|(y, r)| {
                span_of(pointer(&at, "/year"), r);
                y
            });
            c.sections = parts
                .sections
                .iter()
                .enumerate()
                .map(|(k, &r)| {
                    let mut name = pointer(&at, "/sections/");
                    push_number(&mut name, k);
                    span_of(name, r);
                    c.text[r.0..r.1].to_string()
                })
                .collect();
        }
    }
    letter.spans.extend(spans);
}

fn push_number(s: &mut String, n: usize) {
    if n >= 10 {
        push_number(s, n / 10);
    }
    s.push(char::from(b'0' + (n % 10) as u8));
}

/// Maps byte offsets of a value read at an input span (its white space collapsed: each run
/// one space) back to input offsets, walking both once when offsets are asked in order.
struct Mapper<'a> {
    value: &'a [u8],
    src: &'a str,
    base: usize,
    /// Offsets reached in the value and in `src`.
    i: usize,
    j: usize,
}

impl<'a> Mapper<'a> {
    fn new(input: &'a str, span: Span, value: &'a str) -> Option<Self> {
        Some(Mapper {
            value: value.as_bytes(),
            src: input.get(span[0]..span[1])?,
            base: span[0],
            i: 0,
            j: 0,
        })
    }

    /// The input span of value bytes `[a, b)`; `None` if the value does not read so.
    fn span(&mut self, (a, b): (usize, usize)) -> Option<Span> {
        let start = self.at(a)?;
        Some([start, self.at(b)?])
    }

    /// The input offset of value offset `to`.
    fn at(&mut self, to: usize) -> Option<usize> {
        if to < self.i {
            (self.i, self.j) = (0, 0);
        }
        let src = self.src.as_bytes();
        while self.i < to {
            let c = *self.value.get(self.i)?;
            if c == b' ' {
                let run = white_space_run(self.src, self.j);
                if run == 0 {
                    return None;
                }
                self.j += run;
            } else if src.get(self.j) == Some(&c) {
                self.j += 1;
            } else {
                return None;
            }
            self.i += 1;
        }
        Some(self.base + self.j)
    }
}

/// The length of the run of white space at `j`.
fn white_space_run(s: &str, mut j: usize) -> usize {
    let start = j;
    let b = s.as_bytes();
    while j < b.len() {
        if b[j] < 0x80 {
            if !b[j].is_ascii_whitespace() && b[j] != 0x0b {
                break;
            }
            j += 1;
        } else {
            match s.get(j..).and_then(|r| r.chars().next()) {
                Some(c) if c.is_whitespace() => j += c.len_utf8(),
                _ => break,
            }
        }
    }
    j - start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_lower_case_unique_and_of_valid_subtypes() {
        let mut seen = std::collections::BTreeSet::new();
        for g in TABLE {
            assert!(
                g.subtype.is_none_or(|s| g.kind.subtypes().contains(&s)),
                "{:?}",
                g.phrases
            );
            for p in g.phrases.split(", ") {
                assert_eq!(p, p.to_ascii_lowercase(), "{p}");
                assert!(!first_word(p).is_empty() && p.trim() == p, "{p:?}");
                assert!(seen.insert(p), "{p} twice");
            }
        }
    }

    /// The table as the docs show it: one row per group.
    fn markdown() -> String {
        let mut out = String::from("| type | subtype | rule | terms |\n|---|---|---|---|\n");
        for g in TABLE {
            let rule = match g.rule {
                Plain => "",
                Site => "site",
                Modality(s) => match s {
                    S::TensStim => "modality (device: tens_stim)",
                    S::HotCold => "modality (device: hot_cold)",
                    _ => "modality (device: other)",
                },
                Drug => "topical form",
                EvalHead => "evaluation noun",
                Referral => "referral",
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                g.kind.as_str(),
                g.subtype
                    .map_or("null".to_string(), |s| format!("`{}`", s.as_str())),
                rule,
                g.phrases
            ));
        }
        out
    }

    /// `docs/treatment-categories-v1.md` shows this table; `IMR_BLESS=1` rewrites it there.
    #[test]
    fn the_docs_show_the_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../docs/treatment-categories-v1.md");
        let doc = std::fs::read_to_string(&path).unwrap();
        let (begin, end) = ("<!-- terms -->\n", "<!-- /terms -->");
        let a = doc.find(begin).expect("terms marker") + begin.len();
        let b = doc.find(end).expect("terms end marker");
        let table = markdown();
        if std::env::var_os("IMR_BLESS").is_some() {
            std::fs::write(&path, format!("{}{table}{}", &doc[..a], &doc[b..])).unwrap();
        } else {
            assert_eq!(
                &doc[a..b],
                table,
                "docs/treatment-categories-v1.md: IMR_BLESS=1 rewrites the table"
            );
        }
    }
}
