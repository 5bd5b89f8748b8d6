{{%AUTOESCAPE context="HTML"}}{{#fault}}<h1>Fault {{reference}}: {{equipment}}</h1>
<p><a href="/faults">Back to the fault reports</a></p>
<dl class="facts">
<dt>Equipment or software</dt><dd>{{equipment}}</dd>
<dt>Room or place</dt><dd>{{#location}}{{location}}{{/location}}{{#not_location}}<span class="muted">Not given</span>{{/not_location}}</dd>
<dt>What is wrong</dt><dd><span class="multiline">{{problem:pre_escape}}</span></dd>
<dt>How it happened</dt><dd>{{#cause}}<span class="multiline">{{cause:pre_escape}}</span>{{/cause}}{{#not_cause}}<span class="muted">Not known</span>{{/not_cause}}</dd>
<dt>Stops them working</dt><dd>{{#stops_work}}<span class="badge status-urgent">Yes</span>{{/stops_work}}{{#not_stops_work}}No{{/not_stops_work}}</dd>
<dt>Reported</dt><dd>by {{reported_by}}, <time datetime="{{reported_at}}">{{reported_at:x-uk-time}}</time></dd>
<dt>What was done</dt><dd>{{#open}}<span class="badge status-pending">{{outcome_label}}</span>: the network manager has not dealt with it yet.{{/open}}{{#not_open}}<span class="badge status-ok">{{outcome_label}}</span> by {{dealt_by}}, <time datetime="{{dealt_at}}">{{dealt_at:x-uk-time}}</time><br><span class="multiline">{{outcome_note:pre_escape}}</span>{{/not_open}}</dd>
{{#kept_until}}<dt>Kept until</dt><dd><time datetime="{{kept_until}}">{{kept_until:x-uk-time}}</time>, then listed for the retention review{{#held}}; a legal hold keeps it longer{{/held}}</dd>{{/kept_until}}
</dl>{{/fault}}
{{#may_deal}}<form class="stack card" method="post" action="/faults/{{fault_id}}/decision">
<h2>Deal with this fault</h2>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-outcome" class="field{{#err_outcome}} has-error{{/err_outcome}}"{{#err_outcome}} aria-describedby="e-outcome"{{/err_outcome}}><legend>Outcome</legend>
{{#err_outcome}}<p class="field-error" id="e-outcome">{{err_outcome}}</p>{{/err_outcome}}
<label class="checkbox" for="f-outcome-fixed"><input type="radio" id="f-outcome-fixed" name="outcome" value="fixed"{{#chose_outcome_fixed}} checked{{/chose_outcome_fixed}}> Fixed</label>
<label class="checkbox" for="f-outcome-not_fault"><input type="radio" id="f-outcome-not_fault" name="outcome" value="not_fault"{{#chose_outcome_not_fault}} checked{{/chose_outcome_not_fault}}> Not a fault</label>
</fieldset>
<div class="field{{#err_note}} has-error{{/err_note}}"><label for="f-note">Note</label>
<p class="hint" id="h-note">What was done, or why it is not a fault. Whoever reported it reads this.</p>
{{#err_note}}<p class="field-error" id="e-note">{{err_note}}</p>{{/err_note}}
<textarea id="f-note" name="note" rows="3" required maxlength="2000" aria-describedby="h-note{{#err_note}} e-note{{/err_note}}"{{#err_note}} aria-invalid="true"{{/err_note}}>&#10;{{form_note:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Record what was done</button></div>
</form>{{/may_deal}}
