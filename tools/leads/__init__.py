"""Lead pipeline rules: records, campaigns, scoring, qualification, routing, safety, replies and transitions."""
