return MbcFhirEdu.Cli.CliApp.Run(args, Console.Out, Console.Error);
