// The HTTP host composed exactly as src/Burly.Host.Http/Program.cs, plus the test tool pack.
using Burly.Host.Http;
using Burly.Host.Http.TestHost.TestTools;

var builder = BurlyHttpApplication.CreateBuilder(args);
if (!BurlyHttpApplication.ValidateConfiguration(builder.Configuration, Console.Error))
{
    return 1;
}

builder.AddBurlyHttp().AddTestTools();
var app = builder.Build();
app.MapBurlyHttp();
return await BurlyHttpApplication.RunAsync(app);
