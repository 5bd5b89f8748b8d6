{{%AUTOESCAPE context="HTML"}}{{#concern}}<h1>My report {{reference}}</h1>
<p class="lead">Status: <span class="badge status-{{status}}">{{status:x-concern-status}}</span>{{#urgent}} <span class="badge status-urgent">Urgent</span>{{/urgent}}</p>
{{#not_delivered}}<div class="notice warning" role="alert"><h2>Your report has not reached anyone yet</h2>
<p>Nobody who deals with this kind of concern is active in staffroom, so nobody has seen your report. It is saved, and it will be there for whoever is given the role. {{fallback}}</p></div>{{/not_delivered}}
{{#advice}}<p class="notice">{{advice}}</p>{{/advice}}
<p class="hint">Keep this reference. The people dealing with your report keep their own notes; you see here what has happened to it.</p>
<section class="card" aria-labelledby="h-report">
<h2 id="h-report">What you reported</h2>
<dl class="facts"><dt>Category</dt><dd>{{label}}</dd><dt>Summary</dt><dd>{{summary}}</dd>
<dt>Reported</dt><dd><time datetime="{{created_at}}">{{created_at:x-uk-time}}</time></dd>
{{#occurred_at}}<dt>Happened</dt><dd><time datetime="{{occurred_at}}">{{occurred_at:x-uk-time}}</time></dd>{{/occurred_at}}
{{#platform}}<dt>Site or app</dt><dd>{{platform}}</dd>{{/platform}}
{{#url}}<dt>Web address</dt><dd>{{url}}</dd>{{/url}}
{{#involved}}<dt>Who is involved</dt><dd><span class="multiline">{{involved:pre_escape}}</span></dd>{{/involved}}
{{#details}}<dt>What happened</dt><dd><span class="multiline">{{details:pre_escape}}</span></dd>{{/details}}</dl>
</section>
{{#image_report}}<section class="card" aria-labelledby="h-image">
<h2 id="h-image">The image, as you described it</h2>
<dl class="facts">{{#indecent_image}}<dt>Kind</dt><dd>An indecent image of a child on a school device</dd>{{/indecent_image}}
{{#image_location}}<dt>Where it is</dt><dd><span class="multiline">{{image_location:pre_escape}}</span></dd>{{/image_location}}
{{#image_holders}}<dt>Who has it</dt><dd><span class="multiline">{{image_holders:pre_escape}}</span></dd>{{/image_holders}}
{{#image_seen_by}}<dt>Who has seen it</dt><dd><span class="multiline">{{image_seen_by:pre_escape}}</span></dd>{{/image_seen_by}}
<dt>An adult is involved</dt><dd>{{#adult_involved}}Yes{{/adult_involved}}{{#not_adult_involved}}No{{/not_adult_involved}}</dd>
<dt>You told the DSL in person</dt><dd>{{#told_dsl}}Yes{{/told_dsl}}{{#not_told_dsl}}No: please find them and tell them now{{/not_told_dsl}}</dd></dl>
</section>{{/image_report}}
<section class="card" aria-labelledby="h-evidence">
<h2 id="h-evidence">Evidence</h2>
{{#not_evidence}}<p class="muted">No files were attached.</p>{{/not_evidence}}
{{#has_evidence}}<ul class="evidence-list">{{/has_evidence}}
{{#evidence}}<li><a href="{{url}}">{{filename}}</a> <span class="muted">({{type}}, {{size_words}})</span></li>
{{/evidence}}
{{#has_evidence}}</ul>{{/has_evidence}}
</section>
<section class="card" aria-labelledby="h-progress">
<h2 id="h-progress">Progress</h2>
<ol class="timeline">
{{#events}}<li><span class="when"><time datetime="{{at}}">{{at:x-uk-time}}</time></span> <span class="what">{{what}}</span></li>
{{/events}}
</ol>
</section>{{/concern}}
<p><a href="/concerns/mine">Back to my reports</a></p>
