package main

import (
	"bytes"
	"debug/elf"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/piiguard/piiguard/engine"
	"github.com/piiguard/piiguard/engine/stream"
)

// k8sObject is the part of a Kubernetes manifest the deployment tests read.
type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Selector struct {
			MatchLabels map[string]string `yaml:"matchLabels"`
		} `yaml:"selector"`
		Template struct {
			Metadata struct {
				Labels      map[string]string `yaml:"labels"`
				Annotations map[string]string `yaml:"annotations"`
			} `yaml:"metadata"`
			Spec struct {
				SecurityContext struct {
					RunAsNonRoot bool `yaml:"runAsNonRoot"`
					RunAsUser    int  `yaml:"runAsUser"`
				} `yaml:"securityContext"`
				Containers []k8sContainer `yaml:"containers"`
				Volumes    []struct {
					Name   string `yaml:"name"`
					Secret struct {
						SecretName string `yaml:"secretName"`
					} `yaml:"secret"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
		Ports []struct { // Service
			Name       string `yaml:"name"`
			Port       int    `yaml:"port"`
			TargetPort string `yaml:"targetPort"`
		} `yaml:"ports"`
	} `yaml:"spec"`
}

type k8sContainer struct {
	Name    string   `yaml:"name"`
	Command []string `yaml:"command"`
	Args    []string `yaml:"args"`
	Env     []struct {
		Name      string    `yaml:"name"`
		Value     string    `yaml:"value"`
		ValueFrom yaml.Node `yaml:"valueFrom"`
	} `yaml:"env"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	LivenessProbe  k8sProbe `yaml:"livenessProbe"`
	ReadinessProbe k8sProbe `yaml:"readinessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext struct {
		AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
		ReadOnlyRootFilesystem   bool  `yaml:"readOnlyRootFilesystem"`
	} `yaml:"securityContext"`
	VolumeMounts []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
		ReadOnly  bool   `yaml:"readOnly"`
	} `yaml:"volumeMounts"`
}

type k8sProbe struct {
	HTTPGet struct {
		Path string `yaml:"path"`
		Port string `yaml:"port"`
	} `yaml:"httpGet"`
}

// readManifests parses every document of deploy/kubernetes/*.yaml, keyed by kind/name.
func readManifests(t *testing.T) map[string]k8sObject {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "deploy", "kubernetes", "*.yaml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]k8sObject{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		dec := yaml.NewDecoder(bytes.NewReader(data))
		for {
			var o k8sObject
			err := dec.Decode(&o)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err, f)
			require.NotEmpty(t, o.Kind, "%s: a document without kind", f)
			out[o.Kind+"/"+o.Metadata.Name] = o
		}
	}
	return out
}

// runFlagSet returns the flag set of piiguard run, as the command builds it.
func runFlagSet(t *testing.T) *flag.FlagSet {
	t.Helper()
	cmds, err := commandDocs()
	require.NoError(t, err)
	for _, c := range cmds {
		if c.path == "run" {
			return c.fs
		}
	}
	t.Fatal("no run command")
	return nil
}

// metricNames records the fully qualified names of the metrics registered with it.
type metricNames struct {
	*prometheus.Registry
	names map[string]bool
}

var fqName = regexp.MustCompile(`fqName: "([^"]+)"`)

func (m *metricNames) Register(c prometheus.Collector) error {
	ch := make(chan *prometheus.Desc)
	go func() { c.Describe(ch); close(ch) }()
	for d := range ch {
		if g := fqName.FindStringSubmatch(d.String()); g != nil {
			m.names[g[1]] = true
		}
	}
	return m.Registry.Register(c)
}

// testEngine returns the stream engine piiguard run builds (ephemeral key, default rules; it never connects)
// and the names of the series it exports: every metric it registers, and a histogram's _bucket, _sum and _count.
func testEngine(t *testing.T) (*stream.Engine, map[string]bool) {
	t.Helper()
	env := &environ{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	pf := pipelineFlags{ephemeralKey: true, maxRecord: engine.DefaultMaxRecordBytes}
	p, err := pf.pipeline(env)
	require.NoError(t, err)
	reg := &metricNames{Registry: prometheus.NewRegistry(), names: map[string]bool{}}
	eng, err := stream.New(engine.NewStreamProcessor(p), stream.Registerer(reg), stream.EntityTypes(ruleTypes(pf.set)...))
	require.NoError(t, err)
	require.NotEmpty(t, reg.names)
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		if f.GetType() == dto.MetricType_HISTOGRAM {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				reg.names[f.GetName()+suffix] = true
			}
		}
	}
	return eng, reg.names
}

// TestKubernetesManifests checks deploy/kubernetes against the code: the container runs `piiguard run` with
// flags run accepts, every PIIGUARD_* variable is one run reads and its value parses for its flag, the probes
// ask the paths the engine serves on the port the metrics address names, the key file comes from a Secret
// mounted read-only, and the pod runs as non-root with resource requests.
func TestKubernetesManifests(t *testing.T) {
	objs := readManifests(t)
	dep, ok := objs["Deployment/piiguard"]
	require.True(t, ok, "no Deployment piiguard in deploy/kubernetes")
	assert.Equal(t, dep.Spec.Selector.MatchLabels, dep.Spec.Template.Metadata.Labels, "selector and pod labels")
	pod := dep.Spec.Template.Spec
	require.Len(t, pod.Containers, 1)
	c := pod.Containers[0]

	require.NotEmpty(t, c.Args)
	assert.Empty(t, c.Command, "the image's entrypoint is piiguard")
	assert.Equal(t, "run", c.Args[0])
	fs := runFlagSet(t)
	require.NoError(t, fs.Parse(c.Args[1:]), "the container's flags of run")

	env := map[string]string{}
	for _, e := range c.Env {
		require.True(t, strings.HasPrefix(e.Name, "PIIGUARD_"), e.Name)
		name := envVars[e.Name]
		if e.Name == "PIIGUARD_KEY_FILE" {
			name = "key-file"
		}
		require.NotEmpty(t, name, "%s is not a variable piiguard run reads", e.Name)
		if e.ValueFrom.Kind == 0 {
			assert.NoError(t, fs.Set(name, e.Value), "%s=%q for --%s", e.Name, e.Value, name)
		}
		env[e.Name] = e.Value
	}

	// Probes and the metrics port.
	_, port, err := net.SplitHostPort(env["PIIGUARD_METRICS_ADDR"])
	require.NoError(t, err, "PIIGUARD_METRICS_ADDR")
	ports := map[string]int{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	assert.Equal(t, port, strconv.Itoa(ports["metrics"]), "containerPort metrics is the port of PIIGUARD_METRICS_ADDR")
	assert.Equal(t, port, dep.Spec.Template.Metadata.Annotations["prometheus.io/port"])
	eng, _ := testEngine(t)
	h := eng.Handler()
	probes := map[string]k8sProbe{"liveness": c.LivenessProbe, "readiness": c.ReadinessProbe}
	wantPath := map[string]string{"liveness": "/healthz", "readiness": "/readyz"}
	for name, p := range probes {
		assert.Equal(t, wantPath[name], p.HTTPGet.Path, name)
		assert.Contains(t, ports, p.HTTPGet.Port, "%s probe port names a container port", name)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p.HTTPGet.Path, nil))
		assert.Contains(t, []int{http.StatusOK, http.StatusServiceUnavailable}, rec.Code, "%s %s is served", name, p.HTTPGet.Path)
		assert.Contains(t, rec.Header().Get("Content-Type"), "application/json", "%s answers with the health", name)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, dep.Spec.Template.Metadata.Annotations["prometheus.io/path"], nil))
	assert.Equal(t, http.StatusOK, rec.Code, "prometheus.io/path")

	svc, ok := objs["Service/piiguard-metrics"]
	require.True(t, ok)
	require.Len(t, svc.Spec.Ports, 1)
	assert.Contains(t, ports, svc.Spec.Ports[0].TargetPort, "the Service targets the metrics port")

	// The key file comes from a Secret, mounted read-only, and PIIGUARD_KEY_FILE points into the mount.
	keyFile := env["PIIGUARD_KEY_FILE"]
	require.NotEmpty(t, keyFile)
	mounted := false
	for _, m := range c.VolumeMounts {
		if strings.HasPrefix(keyFile, m.MountPath+"/") {
			mounted = true
			assert.True(t, m.ReadOnly, "key volume read-only")
			for _, v := range pod.Volumes {
				if v.Name == m.Name {
					assert.NotEmpty(t, v.Secret.SecretName, "the key volume is a Secret")
				}
			}
		}
	}
	assert.True(t, mounted, "PIIGUARD_KEY_FILE %s is in no volume mount", keyFile)

	assert.True(t, pod.SecurityContext.RunAsNonRoot)
	assert.NotZero(t, pod.SecurityContext.RunAsUser)
	assert.True(t, c.SecurityContext.ReadOnlyRootFilesystem)
	require.NotNil(t, c.SecurityContext.AllowPrivilegeEscalation)
	assert.False(t, *c.SecurityContext.AllowPrivilegeEscalation)
	assert.NotEmpty(t, c.Resources.Requests["cpu"])
	assert.NotEmpty(t, c.Resources.Requests["memory"])
	assert.NotEmpty(t, c.Resources.Limits["memory"])
	assert.Equal(t, c.Resources.Requests["cpu"], env["PIIGUARD_WORKERS"], "a worker per requested CPU")
}

// TestDockerfile checks deploy/Dockerfile without a container engine: a Go build stage of go.mod's Go version
// building ./cmd/piiguard with CGO_ENABLED=0, and a distroless or scratch run stage as a non-root user.
func TestDockerfile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "deploy", "Dockerfile"))
	require.NoError(t, err)
	mod, err := os.ReadFile(filepath.Join(repoRoot, "go.mod"))
	require.NoError(t, err)
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	require.NotNil(t, goVersion)

	var froms []string
	var runStage []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "FROM ") {
			froms = append(froms, line)
			runStage = nil
		}
		runStage = append(runStage, line)
	}
	require.Len(t, froms, 2, "a build stage and a run stage")
	assert.Regexp(t, `^FROM golang:`+regexp.QuoteMeta(string(goVersion[1]))+`\S* AS build$`, froms[0])
	assert.Regexp(t, `^FROM (gcr\.io/distroless/static\S*:nonroot|scratch)$`, froms[1])
	assert.Regexp(t, `CGO_ENABLED=0 GOOS=linux go build .* \./cmd/piiguard`, string(data))
	stage := strings.Join(runStage, "\n")
	assert.Regexp(t, `(?m)^USER [1-9][0-9]*(:[1-9][0-9]*)?$`, stage, "the run stage names a non-root user")
	assert.Contains(t, stage, `ENTRYPOINT ["/usr/local/bin/piiguard"]`)
	assert.Contains(t, stage, "COPY --from=build /out/piiguard /usr/local/bin/piiguard")
}

// TestStaticBuild builds ./cmd/piiguard with CGO_ENABLED=0, as the Dockerfile does, checks the binary needs no
// dynamic loader or shared library, and runs its version command.
func TestStaticBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("checks a Linux ELF binary")
	}
	bin := filepath.Join(t.TempDir(), "piiguard")
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/piiguard")
	build.Dir = repoRoot
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	f, err := elf.Open(bin)
	require.NoError(t, err)
	defer f.Close()
	for _, p := range f.Progs {
		assert.NotEqual(t, elf.PT_INTERP, p.Type, "a static binary has no program interpreter")
	}
	libs, err := f.ImportedLibraries()
	require.NoError(t, err)
	assert.Empty(t, libs)

	out, err = exec.Command(bin, "version").CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Regexp(t, `^piiguard \S+\nrules \S+\n$`, string(out))
}
