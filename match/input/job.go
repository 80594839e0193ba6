package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/certmatch/certmatch/internal/jobtext"
	"github.com/certmatch/certmatch/internal/strictjson"
	"github.com/certmatch/certmatch/scoring"
)

// RoleFromJob reads a job posting as a Role that passes
// (*scoring.Role).Validate against cat (nil means the built-in catalog).
// The posting is recognised by its content: a JSON object is a JSON
// Resume job (job-schema.json); anything else is the plain text,
// Markdown or HTML of a posting as a recruiter pastes it, headings and
// lists included.
//
// The text is read by internal/jobtext (see its package doc for the
// wording it knows); this is how its findings make a role:
//
//   - A finding is required when its clause says so ("OCP Java 11
//     required", "must have Java"), preferred when its clause says so ("a
//     plus", "nice to have", "distinguish"); unmarked, it is required only
//     as an item of a requirements or qualifications list (a JSON Resume
//     job's qualifications are one; an item ending in a colon heads the
//     items after it), and preferred anywhere else: a false "required"
//     empties a shortlist, a false "preferred" only reorders it.
//   - Narrative asks for nothing: benefits, prerequisites and
//     certifications described, "experience as a Sun Certified Java
//     Developer", company boilerplate, and everything under headings
//     such as "Benefits" or "Company Description".
//   - Certifications and catalog groups ("Java certification" is the
//     java-certification group, met by any member) become requirements,
//     keeping the version written ("OCP 17+" is ocpjp >= 17). Named as
//     required and as preferred, one is required; named twice, the lower
//     version is kept.
//   - Skills: those a JSON Resume job's skills section lists are
//     preferred, as are skills mentioned in prose; the title's skills
//     ("Java Developer") and skills a requirement names are required.
//     Alternatives ("MySQL, Oracle, or SQL Server") a requirement names
//     are required_any_skills; preferred alternatives are each preferred.
//   - min_years is the largest number of years a requirement states ("5+
//     years", "at least five years", "3-5 years" counts 3).
//   - salary_max is a JSON Resume job's salary when it is a number or a
//     range of them ("90k-110k" gives 110000), else the largest pay a
//     sentence about pay states; location and remote come from a JSON
//     Resume job only (remote is true for "Full"; a "Hybrid" job wants the
//     candidate on site part of the time).
//   - id is the title as a slug ("Senior Java Developer" is
//     "senior-java-developer"), or "job-" and 12 hex digits of the
//     SHA-256 of the input when there is no title. Every requirement,
//     skill and min_years keeps the sentence it was read from (source,
//     skill_sources, min_years_source).
//
// Errors are *RoleError values naming the field: a JSON Resume job's
// fields are checked against job-schema.json as resume sections are (null
// is not a string; remote is Full, Hybrid or None in any case); a JSON
// object that is not a job, a job with no text, a posting in another
// language, or one in which nothing is found wrap ErrNothingFound; input
// over MaxJobBytes is refused.
func RoleFromJob(r io.Reader, cat *scoring.Catalog) (scoring.Role, error) {
	if cat == nil {
		cat = scoring.DefaultCatalog()
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxJobBytes+1))
	if err != nil {
		return scoring.Role{}, &RoleError{Input: "job", Err: fmt.Errorf("read: %w", err)}
	}
	if len(data) > MaxJobBytes {
		return scoring.Role{}, &RoleError{Input: "job", Err: fmt.Errorf("larger than %d bytes", MaxJobBytes)}
	}
	data = bytes.TrimSpace(strictjson.TrimBOM(data))
	if len(data) == 0 {
		return scoring.Role{}, &RoleError{Input: "job", Err: fmt.Errorf("%w: empty input", ErrNothingFound)}
	}
	var p *posting
	if data[0] == '{' || data[0] == '[' {
		p, err = jsonPosting(data)
		if err != nil {
			return scoring.Role{}, err
		}
	} else {
		p = textPosting(string(data))
	}
	role, err := p.role(cat)
	if err != nil {
		return scoring.Role{}, err
	}
	if err := role.Validate(cat); err != nil {
		return scoring.Role{}, NewRoleError("job", role.ID, err)
	}
	return role, nil
}

// MaxJobBytes is the largest posting RoleFromJob reads.
const MaxJobBytes = 4 << 20

// ErrNothingFound is wrapped by RoleFromJob's errors for input it cannot
// read a role from: no text, a text in another language, no
// certification, skill or years found, or a JSON object that is not a
// job.
var ErrNothingFound = errors.New("nothing found")

// posting is a job read into a document, before its role is assembled.
type posting struct {
	id, title string
	doc       jobtext.Document
	// field names the text for errors: "description" in a JSON Resume
	// job, "" for a posting's text.
	field    string
	location string
	remote   bool
	salary   float64
	source   string
	// known are the skills a JSON Resume job's skills section names;
	// skillBlocks the range of the document's blocks that holds them.
	known       []string
	skillBlocks [2]int
}

// jobTextFields are the fields of a JSON Resume job RoleFromJob reads
// text from.
var jobTextFields = []string{"description", "qualifications", "responsibilities", "skills"}

func jsonPosting(data []byte) (*posting, error) {
	data, err := strictjson.ReadObject(bytes.NewReader(data))
	if err != nil {
		return nil, &RoleError{Input: "job", Err: err}
	}
	v, err := strictjson.DecodeAny(data)
	if err != nil {
		return nil, &RoleError{Input: "job", Err: err}
	}
	job := v.(map[string]any) // readJSONDoc checked it is an object
	p := &posting{field: "description", source: "JSON Resume job"}
	if t, ok := job["title"].(string); ok {
		p.title = strings.TrimSpace(t)
	}
	p.id = slug(p.title)
	if p.id == "" {
		p.id = strictjson.HashID("job-", data)
	}
	if fe := jobShape.Check(job, ""); fe != nil {
		return nil, &RoleError{Input: "job", Role: p.id, Field: fe.Path, Err: fe.Err}
	}
	hasText := false
	for _, f := range jobTextFields {
		_, ok := job[f]
		hasText = hasText || ok
	}
	if _, ok := job["title"]; !ok && !hasText {
		return nil, &RoleError{Input: "job", Err: fmt.Errorf("%w: not a JSON Resume job: none of title, %s (%s)",
			ErrNothingFound, strings.Join(jobTextFields, ", "), notAJob(job))}
	}
	p.doc.Title = p.title
	p.doc.Add(strictjson.GetString(job, "description"))
	p.doc.AddList("Qualifications", strs(strictjson.GetArray(job, "qualifications")))
	p.doc.AddList("Responsibilities", strs(strictjson.GetArray(job, "responsibilities")))
	var skills []string
	for _, it := range strictjson.GetArray(job, "skills") {
		sk := it.(map[string]any)
		if name := strictjson.GetString(sk, "name"); strings.TrimSpace(name) != "" {
			skills = append(skills, name)
		}
		skills = append(skills, strs(strictjson.GetArray(sk, "keywords"))...)
	}
	p.skillBlocks[0] = len(p.doc.Blocks)
	p.doc.AddList("Skills", skills)
	p.skillBlocks[1] = len(p.doc.Blocks)
	p.known = skills
	if len(p.doc.Blocks) == 0 {
		return nil, &RoleError{Input: "job", Role: p.id, Field: "description",
			Err: fmt.Errorf("%w: no text to read (%s are empty)", ErrNothingFound, strings.Join(jobTextFields, ", "))}
	}
	p.location = PlaceName(strictjson.GetObject(job, "location"))
	p.remote = strings.EqualFold(strictjson.GetString(job, "remote"), "Full")
	p.salary = parseSalary(strictjson.GetString(job, "salary"))
	return p, nil
}

// notAJob says what a JSON object that is not a job looks like, by its
// keys (never its values).
func notAJob(obj map[string]any) string {
	_, basics := obj["basics"]
	_, work := obj["work"]
	_, required := obj["required"]
	_, preferred := obj["preferred"]
	switch {
	case basics || work:
		return "it looks like a JSON Resume resume"
	case required || preferred:
		return "it looks like a native role; read it as a role"
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) > 5 {
		keys = append(keys[:5], "...")
	}
	if len(keys) == 0 {
		return "it is empty"
	}
	return "its fields are " + strings.Join(keys, ", ")
}

func strs(items []any) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func textPosting(text string) *posting {
	p := &posting{doc: jobtext.Parse(text)}
	p.title = p.doc.Title
	p.id = slug(p.title)
	if p.id == "" {
		p.id = strictjson.HashID("job-", []byte(text))
	}
	p.source = "job posting as " + p.doc.Format
	return p
}

// role assembles the role from the posting's findings.
func (p *posting) role(cat *scoring.Catalog) (scoring.Role, error) {
	nothing := func(format string, args ...any) error {
		return &RoleError{Input: "job", Role: p.id, Field: p.field, Err: fmt.Errorf("%w: "+format, append([]any{ErrNothingFound}, args...)...)}
	}
	if lang := jobtext.Language(p.doc); lang != "" && lang != "English" {
		return scoring.Role{}, nothing("the text reads as %s; postings are read in English", lang)
	}
	f := jobtext.For(cat)
	b := newRoleBuilder()
	for _, name := range f.Skills(p.title) {
		b.skill(name, true, "title: "+p.title)
	}
	salary := p.salary
	for _, fd := range f.Find(p.doc, p.known) {
		if fd.Kind == jobtext.Pay {
			if p.salary == 0 {
				salary = max(salary, fd.Value)
			}
			continue
		}
		required, asked := recruiterStrength(fd)
		if !asked {
			continue
		}
		if fd.Block >= p.skillBlocks[0] && fd.Block < p.skillBlocks[1] {
			fd.Source = "skills: " + fd.Source
		}
		switch fd.Kind {
		case jobtext.Certification:
			b.requirement(required, scoring.Requirement{AnyOf: fd.IDs, MinVersion: fd.Version, Source: fd.Source})
		case jobtext.Skill:
			if len(fd.IDs) == 1 {
				b.skill(fd.IDs[0], required, fd.Source)
			} else {
				b.alternatives(fd.IDs, required, fd.Source)
			}
		case jobtext.Years:
			if required && fd.Value > b.years {
				b.years, b.yearsSource = fd.Value, fd.Source
			}
		}
	}
	role := b.build(p.id, p.title)
	if len(role.Required)+len(role.Preferred)+len(role.RequiredSkills)+len(role.PreferredSkills)+len(role.RequiredAnySkills) == 0 && role.MinYears == 0 {
		return scoring.Role{}, nothing("no certification, skill or years of experience in the text")
	}
	role.Location, role.Remote, role.SalaryMax = p.location, p.remote, salary
	role.Source = p.source
	return role, nil
}

// recruiterStrength reads a finding as a recruiter does: its wording
// decides; unmarked, an item of a requirements list is required and
// anything else preferred; narrative asks for nothing.
func recruiterStrength(fd jobtext.Finding) (required, asked bool) {
	if fd.Narrative != "" || fd.Scope == jobtext.ScopeNarrative {
		return false, false
	}
	switch fd.Strength {
	case jobtext.Required:
		return true, true
	case jobtext.Preferred:
		return false, true
	}
	return fd.Scope == jobtext.ScopeRequired && fd.InList, true
}

// roleBuilder gathers requirements and skills, merging repeats.
type roleBuilder struct {
	reqs        [2][]scoring.Requirement // required, preferred, in order found
	skills      []builtSkill
	skillAt     map[string]int // SkillKey -> index in skills
	anyOf       []builtSkill
	years       float64
	yearsSource string
}

type builtSkill struct {
	names    []string
	required bool
	source   string
}

func newRoleBuilder() *roleBuilder { return &roleBuilder{skillAt: map[string]int{}} }

// requirement records a requirement. One with the same any_of keeps the
// lower min_version (none being lowest); a required one replaces a
// preferred one; a preferred one adds nothing to a required one.
func (b *roleBuilder) requirement(required bool, req scoring.Requirement) {
	cat := 1
	if required {
		cat = 0
	}
	key := func(r scoring.Requirement) string {
		ids := slices.Clone(r.AnyOf)
		slices.Sort(ids)
		return strings.Join(ids, " ")
	}
	for c := range b.reqs {
		i := slices.IndexFunc(b.reqs[c], func(old scoring.Requirement) bool { return key(old) == key(req) })
		switch {
		case i < 0:
			continue
		case c == cat:
			old := &b.reqs[c][i]
			if old.MinVersion != "" && (req.MinVersion == "" || scoring.CompareVersions(req.MinVersion, old.MinVersion) < 0) {
				old.MinVersion, old.Source = req.MinVersion, req.Source
			}
			return
		case cat == 1: // already required
			return
		default: // required replaces preferred
			b.reqs[1] = slices.Delete(b.reqs[1], i, i+1)
		}
	}
	b.reqs[cat] = append(b.reqs[cat], req)
}

// skill records a skill by its SkillKey, keeping the first spelling; a
// skill named required anywhere is required, with that source.
func (b *roleBuilder) skill(name string, required bool, source string) {
	k := scoring.SkillKey(name)
	if k == "" {
		return
	}
	if i, ok := b.skillAt[k]; ok {
		if required && !b.skills[i].required {
			b.skills[i].required, b.skills[i].source = true, source
		}
		return
	}
	b.skillAt[k] = len(b.skills)
	b.skills = append(b.skills, builtSkill{names: []string{name}, required: required, source: source})
}

// alternatives records skills of which any one is enough: required, they
// are one required_any_skills entry (unless one of them is required on
// its own, which says more); preferred, each is a preferred skill.
func (b *roleBuilder) alternatives(names []string, required bool, source string) {
	if !required {
		for _, n := range names {
			b.skill(n, false, source)
		}
		return
	}
	b.anyOf = append(b.anyOf, builtSkill{names: names, required: true, source: source})
}

func (b *roleBuilder) build(id, title string) scoring.Role {
	role := scoring.Role{ID: id, Title: title, MinYears: b.years, MinYearsSource: b.yearsSource}
	orNil := func(r []scoring.Requirement) []scoring.Requirement {
		if len(r) == 0 {
			return nil
		}
		return r
	}
	role.Required, role.Preferred = orNil(b.reqs[0]), orNil(b.reqs[1])
	sources := map[string]string{}
	for _, s := range b.skills {
		if s.required {
			role.RequiredSkills = append(role.RequiredSkills, s.names[0])
		} else {
			role.PreferredSkills = append(role.PreferredSkills, s.names[0])
		}
		sources[s.names[0]] = s.source
	}
	seen := map[string]bool{}
anyOf:
	for _, a := range b.anyOf {
		var names []string
		for _, n := range a.names {
			k := scoring.SkillKey(n)
			if i, ok := b.skillAt[k]; ok && b.skills[i].required {
				continue anyOf // one alternative is required anyway
			}
			if !slices.ContainsFunc(names, func(m string) bool { return scoring.SkillKey(m) == k }) {
				names = append(names, n)
			}
		}
		key := strings.Join(names, "|")
		if len(names) == 0 || seen[key] {
			continue
		}
		seen[key] = true
		role.RequiredAnySkills = append(role.RequiredAnySkills, names)
		sources[strings.Join(names, " or ")] = a.source
	}
	if len(sources) > 0 {
		role.SkillSources = sources
	}
	return role
}

// jobShape is job-schema.json's description of the fields RoleFromJob
// reads.
var jobShape = strictjson.Object(map[string]*strictjson.Shape{
	"title": str, "description": str, "salary": str, "experience": str,
	"remote": strictjson.Enum("Full", "Hybrid", "None"),
	"location": strictjson.Object(map[string]*strictjson.Shape{
		"address": str, "postalCode": str, "city": str, "countryCode": str, "region": str,
	}),
	"responsibilities": strArray,
	"qualifications":   strArray,
	"skills": strictjson.Array(strictjson.Object(map[string]*strictjson.Shape{
		"name": str, "level": str, "keywords": strArray,
	})),
})

// slug lower-cases s and joins its runs of letters and digits with '-'.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// salaryRE reads "100000", "120k", "$90,000 - $110,000", "90k-110k EUR".
var salaryRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)(k)?(?:(?:-|–|to)(\d+(?:\.\d+)?)(k)?)?$`)

// parseSalary reads a salary that is a number or a range of numbers,
// returning the largest; 0 when it is anything else.
func parseSalary(s string) float64 {
	s = strings.ToLower(s)
	for _, cut := range []string{"$", "€", "£", "usd", "eur", "gbp", ",", " "} {
		s = strings.ReplaceAll(s, cut, "")
	}
	m := salaryRE.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	val := func(num, k string) float64 {
		f, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0
		}
		if k != "" {
			f *= 1000
		}
		return f
	}
	hi := val(m[1], m[2])
	if m[3] != "" {
		hi = max(hi, val(m[3], m[4]))
	}
	return hi
}

// LoadRoleOrJobFile reads the file a --role flag names, recognised by
// content: a native role ([LoadRole]) or a job posting ([RoleFromJob]),
// whose role's Source then names the file. A JSON object is a native role
// when it has a field only roles have (required, preferred,
// required_skills, preferred_skills, required_any_skills, min_years,
// salary_max, weights), or a string id and no field of a job
// (description, qualifications, responsibilities, skills). Errors name
// the file.
func LoadRoleOrJobFile(path string, cat *scoring.Catalog) (scoring.Role, error) {
	f, err := os.Open(path)
	if err != nil {
		return scoring.Role{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxJobBytes+1))
	if err != nil {
		return scoring.Role{}, fmt.Errorf("%s: %w", path, err)
	}
	var role scoring.Role
	if isNativeRole(data) {
		role, err = LoadRole(bytes.NewReader(data), cat)
	} else {
		role, err = RoleFromJob(bytes.NewReader(data), cat)
		role.Source = path + " (" + role.Source + ")"
	}
	if err != nil {
		return scoring.Role{}, fmt.Errorf("%s: %w", path, err)
	}
	return role, nil
}

// Fields that tell a native role from a JSON Resume job.
var (
	roleOnlyFields = []string{"required", "preferred", "required_skills", "preferred_skills", "required_any_skills",
		"min_years", "salary_max", "weights"}
	jobOnlyFields = []string{"description", "qualifications", "responsibilities", "skills"}
)

// isNativeRole reports whether data is a JSON object that is a native
// role rather than a job (see LoadRoleOrJobFile). Malformed JSON
// counts as a role, so that LoadRole names the problem.
func isNativeRole(data []byte) bool {
	data = bytes.TrimSpace(strictjson.TrimBOM(data))
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil {
		return true
	}
	for _, k := range roleOnlyFields {
		if _, ok := obj[k]; ok {
			return true
		}
	}
	for _, k := range jobOnlyFields {
		if _, ok := obj[k]; ok {
			return false
		}
	}
	id := bytes.TrimSpace(obj["id"])
	return len(id) > 0 && id[0] == '"'
}
