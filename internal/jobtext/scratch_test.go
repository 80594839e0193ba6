package jobtext

import (
	"fmt"
	"os"
	"testing"
)

func TestScratch(t *testing.T) {
	for _, p := range []string{os.Getenv("F")} {
		data, _ := os.ReadFile(p)
		d := Parse(string(data))
		fmt.Println("TITLE:", d.Title, "LANG:", Language(d))
		sc := scopes(d.Blocks)
		if os.Getenv("B") != "" {
			for i, b := range d.Blocks {
				fmt.Printf("  [%d] kind=%d lvl=%d scope=%s %.80q\n", i, b.Kind, b.Level, sc[i], b.Text)
			}
		}
		for _, f := range For(nil).Find(d, nil) {
			fmt.Printf("%-13s %-40v v=%s val=%g str=%-9s scope=%-9s list=%v narr=%q\n     src=%.110q\n", f.Kind, f.IDs, f.Version, f.Value, f.Strength, f.Scope, f.InList, f.Narrative, f.Source)
		}
	}
}
