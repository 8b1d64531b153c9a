using Carmen.EdgeAgent;

return await AgentCommands.RunAsync(args);
