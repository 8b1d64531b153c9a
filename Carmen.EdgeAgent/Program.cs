using System.Reflection;

// Placeholder until the edge agent issue: answers --version so packaging and CI can already exercise the binary.
string version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
Console.WriteLine($"carmen-agent {version} (not yet functional: the device agent arrives with the edge agent issue)");
return args.Contains("--version") ? 0 : 2;
