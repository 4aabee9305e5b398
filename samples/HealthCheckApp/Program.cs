// An ASP.NET Core app whose /health endpoint reports a WebAssembly probe's verdict. See README.md.
await HealthCheckApp.AppHost.Create(args).RunAsync();
