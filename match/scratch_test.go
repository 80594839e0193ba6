package match

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestScratchRoles(t *testing.T) {
	files, _ := filepath.Glob("/work/shared/realworld/job-postings/*")
	files = append(files, "/work/shared/seed/backend-developer-job-description.txt")
	for _, f := range files {
		fh, _ := os.Open(f)
		r, err := RoleFromJob(fh, nil)
		fh.Close()
		fmt.Println("=====", filepath.Base(f))
		if err != nil {
			fmt.Println("ERR", err)
			continue
		}
		r.SkillSources = nil
		b, _ := json.MarshalIndent(r, "", " ")
		fmt.Println(string(b))
	}
}
