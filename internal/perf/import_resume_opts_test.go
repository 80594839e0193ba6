package perf

import "github.com/certmatch/certmatch/match"

// resumeImportOptions reads the generated resumes' ids from meta.id.
func resumeImportOptions() match.ImportOptions { return match.ImportOptions{} }
