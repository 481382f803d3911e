using IsmsCloud.Contracts;
using YamlDotNet.RepresentationModel;
using HealthEndpoints = Microsoft.Extensions.Hosting.Extensions;

namespace IsmsCloud.UnitTests.Deployment;

/// <summary>
/// infra/k8s rendered as an operator would apply it, checked against the AppHost (every project deployed, with the
/// configuration it reads) and against the rules the platform sets for every workload.
/// </summary>
public sealed class KubernetesManifestTests
{
    public static TheoryData<string> Overlays => ["production", "staging"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_has_probes_resources_and_a_non_root_security_context(string overlay)
    {
        var manifests = RenderedManifests.Of(overlay);
        var deployments = manifests.OfKind("Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var pod = deployment.At("spec", "template", "spec");
            foreach (var container in pod.Items("containers"))
            {
                var where = $"{overlay}: Deployment {deployment.Name()}, container {container.Text("name")}";
                Assert.True(container.Text("readinessProbe", "httpGet", "path") == HealthEndpoints.HealthEndpointPath, $"{where}: readiness probe on {HealthEndpoints.HealthEndpointPath}");
                Assert.True(container.Text("livenessProbe", "httpGet", "path") == HealthEndpoints.AlivenessEndpointPath, $"{where}: liveness probe on {HealthEndpoints.AlivenessEndpointPath}");
                AssertResources(container, where);
                AssertLockedDown(pod, container, where);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_migrations_job_is_locked_down_and_limited_too(string overlay)
    {
        foreach (var job in RenderedManifests.Of(overlay).OfKind("Job"))
        {
            var pod = job.At("spec", "template", "spec");
            foreach (var container in pod.Items("containers"))
            {
                var where = $"{overlay}: Job {job.Name()}";
                AssertResources(container, where);
                AssertLockedDown(pod, container, where);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_project_in_the_apphost_has_a_deployment_service_disruption_budget_and_autoscaler(string overlay)
    {
        var manifests = RenderedManifests.Of(overlay);
        Assert.Contains(AppHostModel.Projects, p => p.Resource == Resources.Gateway);
        foreach (var project in AppHostModel.Projects)
        {
            Assert.True(Named(manifests, "Deployment", project.Resource) is not null, $"{overlay}: no Deployment {project.Resource}");
            var service = Named(manifests, "Service", project.Resource);
            Assert.True(service is not null, $"{overlay}: no Service {project.Resource} (the name is the service-discovery name)");
            Assert.Equal(project.Resource, service.Text("spec", "selector", "app.kubernetes.io/name"));

            var budget = Named(manifests, "PodDisruptionBudget", project.Resource);
            Assert.True(budget is not null, $"{overlay}: no PodDisruptionBudget {project.Resource}");
            Assert.Equal(project.Resource, budget.Text("spec", "selector", "matchLabels", "app.kubernetes.io/name"));

            var autoscaler = Named(manifests, "HorizontalPodAutoscaler", project.Resource);
            Assert.True(autoscaler is not null, $"{overlay}: no HorizontalPodAutoscaler {project.Resource}");
            Assert.Equal("autoscaling/v2", autoscaler.Text("apiVersion"));
            Assert.Equal(project.Resource, autoscaler.Text("spec", "scaleTargetRef", "name"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Only_the_gateway_has_an_ingress_and_it_terminates_tls(string overlay)
    {
        var ingresses = RenderedManifests.Of(overlay).OfKind("Ingress").ToList();
        var ingress = Assert.Single(ingresses);
        var backends = ingress.Items("spec", "rules").SelectMany(rule => rule.Items("http", "paths"))
            .Select(path => path.Text("backend", "service", "name")).Distinct().ToList();
        Assert.Equal([Resources.Gateway], backends);
        Assert.NotEmpty(ingress.Items("spec", "tls"));
        Assert.All(ingress.Items("spec", "tls"), tls => Assert.False(string.IsNullOrEmpty(tls.Text("secretName"))));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_config_reference_of_a_workload_resolves(string overlay)
    {
        var manifests = RenderedManifests.Of(overlay);
        var configMaps = manifests.OfKind("ConfigMap").ToDictionary(c => c.Name(), c => c.Keys("data").ToHashSet());
        var secrets = manifests.OfKind("Secret").ToDictionary(s => s.Name(), s => s.Keys("data").Concat(s.Keys("stringData")).ToHashSet());
        // Secrets an operator makes from a rendered resource: the RabbitMQ Cluster Operator's default user.
        foreach (var rabbit in manifests.OfKind("RabbitmqCluster"))
        {
            secrets[$"{rabbit.Name()}-default-user"] = ["username", "password", "host", "port"];
        }

        foreach (var workload in Workloads(manifests))
        {
            var pod = workload.At("spec", "template", "spec");
            var where = $"{overlay}: {workload.Text("kind")} {workload.Name()}";
            foreach (var container in pod.Items("containers").Concat(pod.Items("initContainers")))
            {
                foreach (var variable in container.Items("env"))
                {
                    AssertKey(configMaps, variable.At("valueFrom", "configMapKeyRef"), $"{where}: env {variable.Text("name")}: ConfigMap");
                    AssertKey(secrets, variable.At("valueFrom", "secretKeyRef"), $"{where}: env {variable.Text("name")}: Secret");
                }

                foreach (var source in container.Items("envFrom"))
                {
                    AssertName(configMaps, source.Text("configMapRef", "name"), $"{where}: envFrom ConfigMap");
                    AssertName(secrets, source.Text("secretRef", "name"), $"{where}: envFrom Secret");
                }
            }

            foreach (var volume in pod.Items("volumes"))
            {
                AssertName(configMaps, volume.Text("configMap", "name"), $"{where}: volume ConfigMap");
                AssertName(secrets, volume.Text("secret", "secretName"), $"{where}: volume Secret");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_with_a_database_has_a_migrations_job_and_does_not_migrate_at_start_up(string overlay)
    {
        var manifests = RenderedManifests.Of(overlay);
        var withDatabase = AppHostModel.Projects.Where(p => p.Database is not null).ToList();
        Assert.Contains(withDatabase, p => p.Resource == Resources.Identity);
        foreach (var project in withDatabase)
        {
            var deployment = Named(manifests, "Deployment", project.Resource)!;
            var job = manifests.OfKind("Job").FirstOrDefault(j => j.Name() == $"{project.Resource}-migrate");
            Assert.True(job is not null, $"{overlay}: no migrations Job {project.Resource}-migrate");

            var migrate = Assert.Single(job.Items("spec", "template", "spec", "containers"));
            var app = deployment.Items("spec", "template", "spec", "containers").First();
            Assert.Equal(app.Text("image"), migrate.Text("image"));
            Assert.Equal(["migrate"], ((YamlSequenceNode)migrate.At("args")!).Children.Select(a => ((YamlScalarNode)a).Value));
            Assert.Equal("Never", job.Text("spec", "template", "spec", "restartPolicy"));
            Assert.True(Env(manifests, migrate, $"ConnectionStrings__{project.Database}") is not null, $"{overlay}: the Job {job.Name()} has no connection string for {project.Database}");
            Assert.Equal("false", Env(manifests, app, "Database__MigrateAtStartup"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_gets_the_configuration_its_service_reads(string overlay)
    {
        var manifests = RenderedManifests.Of(overlay);
        var publicUrl = default(string);
        foreach (var project in AppHostModel.Projects)
        {
            var container = Named(manifests, "Deployment", project.Resource)!.Items("spec", "template", "spec", "containers").First();
            var where = $"{overlay}: {project.Resource}";
            Assert.Equal("Production", Env(manifests, container, "ASPNETCORE_ENVIRONMENT"));
            var issuer = Env(manifests, container, "Identity__Issuer");
            Assert.True(issuer is not null && issuer.StartsWith("https://", StringComparison.Ordinal) && issuer.EndsWith('/'), $"{where}: Identity__Issuer is the public https address, with a trailing slash ({issuer})");
            Assert.True(publicUrl is null || publicUrl == issuer, $"{where}: every service names the same issuer");
            publicUrl = issuer;
            if (project.Database is { } database)
            {
                Assert.True(Env(manifests, container, $"ConnectionStrings__{database}") is not null, $"{where}: ConnectionStrings__{database}");
            }

            if (project.UsesBroker)
            {
                Assert.True(Env(manifests, container, $"ConnectionStrings__{Resources.RabbitMq}") is not null, $"{where}: ConnectionStrings__{Resources.RabbitMq}");
            }

            if (project.Resource != Resources.Identity)
            {
                Assert.Equal($"http://{Resources.Identity}", Env(manifests, container, "Identity__Url"));
            }
        }

        var gateway = Named(manifests, "Deployment", Resources.Gateway)!.Items("spec", "template", "spec", "containers").First();
        // Forwarded headers only from the ingress's network, never from anyone (ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every sender).
        Assert.True(System.Net.IPNetwork.TryParse(Env(manifests, gateway, "ForwardedHeaders__KnownNetworks__0"), out _), $"{overlay}: the gateway trusts a network");
        Assert.Null(Env(manifests, gateway, "ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        foreach (var project in AppHostModel.Projects.Where(p => p.Resource != Resources.Gateway))
        {
            Assert.Equal($"http://{project.Resource}", Env(manifests, gateway, $"services__{project.Resource}__http__0"));
        }

        var web = Named(manifests, "Deployment", Resources.Web)!.Items("spec", "template", "spec", "containers").First();
        Assert.Equal($"http://{Resources.Gateway}", Env(manifests, web, $"services__{Resources.Gateway}__http__0"));
        Assert.NotNull(Env(manifests, web, "Identity__WebClientSecret"));
        var identity = Named(manifests, "Deployment", Resources.Identity)!.Items("spec", "template", "spec", "containers").First();
        Assert.Equal($"{publicUrl}signin-oidc", Env(manifests, identity, "Identity__Clients__Web__RedirectUris__0"));
        Assert.NotNull(Env(manifests, identity, "Identity__Clients__Web__Secret"));
        // The token keys come from the two mounted Secrets, at the paths identity-api is told.
        var mounts = identity.Items("volumeMounts").ToDictionary(m => m.Text("name")!, m => m.Text("mountPath")!);
        var volumes = Named(manifests, "Deployment", Resources.Identity)!.Items("spec", "template", "spec", "volumes")
            .Where(v => v.Text("secret", "secretName") is not null).ToDictionary(v => v.Text("name")!, v => v.Text("secret", "secretName")!);
        foreach (var (purpose, secret) in new[] { ("Signing", "isms-identity-signing"), ("Encryption", "isms-identity-encryption") })
        {
            var mount = mounts[volumes.Single(v => v.Value == secret).Key];
            Assert.Equal($"{mount}/tls.crt", Env(manifests, identity, $"Identity__Keys__{purpose}__0__Path"));
            Assert.Equal($"{mount}/tls.key", Env(manifests, identity, $"Identity__Keys__{purpose}__0__KeyPath"));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_resource_belongs_to_one_apply_stage_and_the_stages_are_in_release_order(string overlay)
    {
        // docs/deployment.md applies with -l ismscloud.io/stage=platform, then migrations, then apps: an unlabelled
        // resource would never be applied.
        var manifests = RenderedManifests.Of(overlay);
        foreach (var resource in manifests.Resources)
        {
            var stage = resource.Text("metadata", "labels", "ismscloud.io/stage");
            Assert.True(stage is "platform" or "migrations" or "apps", $"{overlay}: {resource.Text("kind")} {resource.Name()} has stage '{stage}'");
        }

        Assert.All(manifests.OfKind("Job"), job => Assert.Equal("migrations", job.Text("metadata", "labels", "ismscloud.io/stage")));
        Assert.All(manifests.OfKind("Deployment"), deployment => Assert.Equal("apps", deployment.Text("metadata", "labels", "ismscloud.io/stage")));
        foreach (var kind in new[] { "Cluster", "Database", "RabbitmqCluster", "ConfigMap", "Secret", "Namespace" })
        {
            Assert.All(manifests.OfKind(kind), resource => Assert.Equal("platform", resource.Text("metadata", "labels", "ismscloud.io/stage")));
        }
    }

    private static void AssertResources(YamlNode container, string where)
    {
        foreach (var bound in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(!string.IsNullOrEmpty(container.Text("resources", bound, resource)), $"{where}: resources.{bound}.{resource}");
            }
        }
    }

    private static void AssertLockedDown(YamlNode? pod, YamlNode container, string where)
    {
        string? Either(params string[] path) => container.Text(["securityContext", .. path]) ?? pod.Text(["securityContext", .. path]);
        Assert.True(Either("runAsNonRoot") == "true", $"{where}: runAsNonRoot");
        Assert.True(int.TryParse(Either("runAsUser"), out var uid) && uid > 0, $"{where}: a numeric non-root runAsUser");
        Assert.True(container.Text("securityContext", "allowPrivilegeEscalation") == "false", $"{where}: allowPrivilegeEscalation false");
        Assert.True(container.Text("securityContext", "readOnlyRootFilesystem") == "true", $"{where}: readOnlyRootFilesystem");
        var dropped = (container.At("securityContext", "capabilities", "drop") as YamlSequenceNode)?.Children.Select(c => ((YamlScalarNode)c).Value) ?? [];
        Assert.True(dropped.Contains("ALL"), $"{where}: capabilities drop ALL");
        Assert.True(Either("seccompProfile", "type") == "RuntimeDefault", $"{where}: seccompProfile RuntimeDefault");
        Assert.True(container.Items("volumeMounts").Any(m => m.Text("mountPath") == "/tmp"), $"{where}: a writable /tmp (emptyDir)");
    }

    private static IEnumerable<YamlMappingNode> Workloads(RenderedManifests manifests) =>
        manifests.OfKind("Deployment").Concat(manifests.OfKind("Job"));

    private static YamlMappingNode? Named(RenderedManifests manifests, string kind, string name) =>
        manifests.OfKind(kind).FirstOrDefault(r => r.Name() == name);

    /// <summary>An environment variable's value, a ConfigMap reference followed; a Secret's is "(secret)"; null when unset.</summary>
    private static string? Env(RenderedManifests manifests, YamlNode container, string name)
    {
        var variable = container.Items("env").FirstOrDefault(e => e.Text("name") == name);
        if (variable is null)
        {
            return null;
        }

        if (variable.At("valueFrom", "configMapKeyRef") is { } reference)
        {
            var configMap = Named(manifests, "ConfigMap", reference.Text("name")!);
            return configMap.Text("data", reference.Text("key")!);
        }

        return variable.At("valueFrom", "secretKeyRef") is not null ? "(secret)" : variable.Text("value");
    }

    private static void AssertKey(Dictionary<string, HashSet<string>> known, YamlNode? reference, string what)
    {
        if (reference is null)
        {
            return;
        }

        var name = reference.Text("name");
        AssertName(known, name, what);
        var key = reference.Text("key");
        Assert.True(key is not null && known[name!].Contains(key), $"{what} {name} has no key '{key}'");
    }

    private static void AssertName(Dictionary<string, HashSet<string>> known, string? name, string what)
    {
        if (name is not null)
        {
            Assert.True(known.ContainsKey(name), $"{what} '{name}' is not in the rendered manifests");
        }
    }
}
