// Package scoring is certmatch's domain: the certification catalog, the
// free-text normaliser, candidate and role types, and the explainable
// scorer with its gap analysis. It is pure: it reads a catalog and nothing
// else, imports no search engine, and every type in it is safe for
// concurrent use once built.
//
// # Catalog
//
// A [Catalog] treats a certification as a structured thing: a canonical id
// ("ocpjp"), a short [Cert.Label], its issuer history (Sun to Oracle,
// SpringSource to Pivotal to VMware to Broadcom, Hortonworks to Cloudera), a
// [Level], the versions its exams grant, what it implies, the prerequisites
// its issuer once required, whether it is retired and how long it stays
// current. [DefaultCatalog] is the built-in catalog, an embedded JSON file
// (catalog.json) meant to be read and reviewed; [LoadCatalog] reads a
// user's own and [Catalog.Extend] adds entries to one. Look-alike
// credentials (Java EE 7 Application Developer, Oracle Database and MySQL
// titles, OCI Foundations, CCAH, Databricks Data Engineer and others) are
// entries of their own, so they never land on a seed id.
//
// Everything domain-specific is catalog data, not code: beside the
// certifications and groups, the catalog holds issuers' spellings, skill
// synonyms ([SkillSynonym], read by [Catalog.SkillKey]), the normaliser's
// vocabulary ([Words]: stop words, version markers, spelling variants) and
// the classes of text that are never credentials ([NotCredential]: courses,
// books, practice material, plans). Each certification line declares one
// version [Axis] its versions compare on (Spring Professional's is the
// Spring Framework version, with title years mapped onto it). Extend adds
// to every section, and validation errors are [CatalogError]s naming the
// entry and field. [Catalog.Fingerprint] identifies the content, so an
// index built under one catalog knows when another would derive other
// terms.
//
// # Policy
//
// The built-in catalog's defaults, which a catalog or a role may override:
//
//  1. SCJP N counts as OCPJP N: Sun's certifications were renamed in 2010.
//  2. Any ocpjp meets an ocajp requirement (at the same version); any ocewcd
//     meets ocpjp and so ocajp, at no known version. Implication is
//     transitive.
//  3. All Spring Professional titles are one line whose versions compare
//     on the Spring Framework version: a title year stands for the version
//     its exam covered ("2021" is 5.3), and a role may write either form.
//  4. scja does not meet ocajp (Oracle did not accept it as a prerequisite).
//  5. Version is its own factor: SCJP 1.4 is an ocpjp but does not meet
//     "ocpjp 11 or later". Java "1.5" and "5.0" are version 5, "6.0" is 6.
//  6. A credential with a validity period (cca175,
//     databricks-spark-associate: two years) is current only within it; an
//     expired one is reported, never dropped.
//  7. Oracle Japan's Silver SE N is ocajp N and Gold SE N is ocpjp N.
//
// # Normaliser
//
// [Catalog.Normalize] turns what people write ("Sun Certified Java
// Programmer 1.4", "1z0 809", "HDPCD:Spark", "Spring Certified Professional
// 2023") into a [Resolution]: id, the version as written and on the
// line's axis, confidence and what matched. Precision comes before recall:
// courses, books, practice tests and plans are rejected, one exam of a
// two-exam path is reported as such rather than granted, ties between
// entries are rejected as ambiguous, and a text that names less than a
// credential (an exam title without its part, half a path) or that nothing
// explains well gets a lower confidence.
//
// # Scoring
//
// A [Scorer] compiles a [Role] into a [Plan] and scores [Candidate]s
// against it. A score is 0..100, the sum of weighted components
// (certifications, skills, experience, and location and compensation when
// both sides give them); each [Component] says its points, its maximum and
// why, with [Evidence] naming the credential as written and the
// implication it went through. Eligibility needs every required group,
// every required skill and min_years. Scores are monotone, blind to
// personal fields (names, emails and the like are never read), and
// deterministic; results rank by one rule, [Order]: eligible first, then
// ineligible ones nearest to eligible first ([Away]: fewer unmet required
// items, then fewer missing entirely, a version below, to renew; the rest
// are one step away), then score, then id. For each unmet requirement a
// [NextStep] names the exam(s) that would meet it, aware of upgrade paths,
// prerequisites and retired exams.
//
// [Plan.Points] is the same arithmetic as [Plan.Score] over a compact
// [Profile], without the explanation, and [Plan.Order] a profile's key:
// the index ranks with them, and explains only the page it returns.
//
// # Places and pay
//
// [ParsePlace] reads a location as people write it into a [Place]: a
// city, a region and a country, remote or hybrid work, and coordinates
// from a gazetteer of GeoNames places built into the package (GeoNames
// data, CC BY 4.0; see the NOTICE file). It is the one place where
// locations are split; [Place.Key] and [LocationFilter] group and filter
// by it. A role's location, radius_km and remote flag and a candidate's
// location, work_mode and relocate give the location credit, along great
// circles; the same city name in another region is another place. A role's
// [PayBand] and a candidate's desired [Pay] give the compensation credit,
// periods converted at [HoursPerYear] and [MonthsPerYear], currencies only
// with the caller's [Rates]; a role with no maximum is compared with the
// [Market] for its place ([ReadMarketOEWS] reads the files BLS publishes
// OEWS estimates in), the built-in one being the national average salary
// of a backend developer. Both are parsed once per profile and per plan,
// never per pair.
//
// # Values that cannot be forged
//
// [Profile], [Catalog], [Plan], [Scorer] and [Vocab] have no exported
// fields: they are built by [Scorer.Profile], [LoadCatalog] (and
// [DefaultCatalog], [Catalog.Extend]), [Scorer.Compile] and [NewScorer],
// and what their accessors return is a copy or an iterator, so a catalog
// or a profile shared by many readers cannot be changed by one of them.
// Nil and zero values have a defined meaning instead of a panic: a nil
// catalog given to [Role.Validate] or [Candidate.Resolve] is
// [DefaultCatalog]; a nil or zero Scorer is the default scorer; a nil or
// zero Plan scores 0 and explains that it was not compiled
// ([MissingRole]); a zero Profile is a candidate with nothing; a zero
// Catalog is empty and [NewScorer] refuses it.
//
// Example:
//
//	cat := scoring.DefaultCatalog()
//	res, ok := cat.Normalize("Sun Certified Java Programmer 1.4")
//	// res.ID == "ocpjp", res.Version == "1.4", ok
//	s, _ := scoring.NewScorer(scoring.Options{})
//	result := s.Score(candidate, role) // result.Score, result.Components, result.NextSteps
package scoring
