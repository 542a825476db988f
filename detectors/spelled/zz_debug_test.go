package spelled

import (
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	for _, in := range []string{
		"laurits punkt andresen at gmail punkt com",
		"j o h n dot smith at outlook dot com",
		"mario punto rossi chiocciola libero punto it",
		"mette underscore nielsen snabel a hotmail punktum dk",
		"j o h n punkt s m i t h at gmail punkt com",
		"mueller 85 at web punkt de",
		"a wie anton b wie berta",
		"alpha bravo charlie",
		"the golf hotel was nice",
		"i'm at home",
		"punkt 3 der tagesordnung",
		"m wie martha, a wie anton, i wie ida, e wie emil, r wie richard",
		"mein name ist j o h n, danke",
		"hans-peter at t minus online punkt de",
		"john.smith@gmail.com",
		"be wie berta, e wie emil, ha wie heinrich",
		"a som i anna, b som i bernhard",
		"d di domodossola, a come ancona",
		"i work at amazon dot com",
		"x-ray yankee zulu",
	} {
		v, ok := Letters(in)
		t.Logf("%-70q %v %q", in, ok, v.Text())
	}
}

func TestZZFiles(t *testing.T) {
	for _, f := range []string{"plain", "spelled"} {
		b, _ := os.ReadFile("testdata/transcript_" + f + ".txt")
		v, ok := Letters(string(b))
		t.Logf("%v\n%s", ok, v.Text())
	}
}

func TestZZSegs(t *testing.T) {
	b, _ := os.ReadFile("testdata/transcript_plain.txt")
	dbgSeg = func(x string) { t.Logf("%q", x) }
	Letters(string(b))
	dbgSeg = nil
}
