// The HTTP host composed as src/Burly.Host.Http/Program.cs (without /health and /metrics), plus the test tool pack.
using Burly.Host.Http;
using Burly.Host.Http.TestHost.TestTools;

var builder = BurlyHttpApplication.CreateBuilder(args);
builder.AddBurlyHttpHost().AddBuiltInTools().AddTestTools();
if (!BurlyHttpApplication.ValidateConfiguration(builder, Console.Error))
{
    return 1;
}

var app = builder.Build();
app.MapBurly();
return await BurlyHttpApplication.RunAsync(app);
